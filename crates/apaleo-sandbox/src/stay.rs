//! Validation and pricing of a stay (shared by create booking and amend).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::catalog::{Catalog, Guarantee, Property, RatePlan, UnitGroup};
use crate::query::parse_stay_date;
use crate::state::{Slice, State};
use crate::wire::round2;

/// `MonetaryValueModel` in a request.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MoneyIn {
    pub(crate) amount: Option<f64>,
    pub(crate) currency: Option<String>,
}

/// One requested night: a rate plan and an optional gross price override.
#[derive(Debug, Clone)]
pub(crate) struct SliceIn {
    pub(crate) rate_plan_id: Option<String>,
    pub(crate) amount: Option<MoneyIn>,
}

/// The stay part of a create or amend request.
#[derive(Debug, Clone)]
pub(crate) struct StayIn<'a> {
    /// Message prefix, e.g. `Reservations[0].` (empty for amend).
    pub(crate) prefix: String,
    pub(crate) arrival: Option<&'a str>,
    pub(crate) departure: Option<&'a str>,
    pub(crate) adults: Option<i64>,
    pub(crate) children_ages: Option<&'a [i64]>,
    pub(crate) slices: Option<Vec<SliceIn>>,
}

/// A structurally valid stay.
#[derive(Debug, Clone)]
pub(crate) struct Stay<'c> {
    pub(crate) property: &'c Property,
    pub(crate) unit_group: &'c UnitGroup,
    pub(crate) arrival: NaiveDate,
    pub(crate) departure: NaiveDate,
    pub(crate) adults: u32,
    pub(crate) children_ages: Vec<u32>,
    pub(crate) plans: Vec<&'c RatePlan>,
    pub(crate) overrides: Vec<Option<MoneyIn>>,
}

/// Model validation (required fields, formats, known rate plans), adding messages. Returns the
/// stay when it is structurally valid.
pub(crate) fn validate<'c>(
    catalog: &'c Catalog,
    input: &StayIn<'_>,
    messages: &mut Vec<String>,
) -> Option<Stay<'c>> {
    let p = &input.prefix;
    let before = messages.len();
    if input.arrival.is_none_or(|a| a.trim().is_empty()) {
        messages.push(format!("{p}Arrival: The Arrival field is required."));
    }
    if input.departure.is_none_or(|d| d.trim().is_empty()) {
        messages.push(format!("{p}Departure: The Departure field is required."));
    }
    match input.adults {
        None => messages.push(format!("{p}Adults: The Adults field is required.")),
        Some(a) if !(1..=i64::from(i32::MAX)).contains(&a) => messages.push(format!(
            "{p}Adults: The field Adults must be between 1 and 2147483647."
        )),
        Some(_) => {}
    }
    let children_ages: Vec<u32> = input
        .children_ages
        .unwrap_or_default()
        .iter()
        .filter_map(|age| u32::try_from(*age).ok().filter(|a| *a <= 17))
        .collect();
    if children_ages.len() != input.children_ages.unwrap_or_default().len() {
        messages.push(format!(
            "{p}ChildrenAges: The field ChildrenAges must only contain ages between 0 and 17."
        ));
    }
    let Some(slices) = &input.slices else {
        messages.push(format!("{p}TimeSlices: The TimeSlices field is required."));
        return None;
    };
    for (i, slice) in slices.iter().enumerate() {
        if slice
            .rate_plan_id
            .as_deref()
            .is_none_or(|id| id.trim().is_empty())
        {
            messages.push(format!(
                "{p}TimeSlices[{i}].RatePlanId: The RatePlanId field is required."
            ));
        }
    }
    if messages.len() > before {
        return None;
    }
    let mut plans = Vec::with_capacity(slices.len());
    for (i, slice) in slices.iter().enumerate() {
        let id = slice.rate_plan_id.as_deref().unwrap_or_default().trim();
        match catalog.rate_plan(id) {
            Some(plan) => plans.push(plan),
            None => messages.push(format!(
                "{p}TimeSlices[{i}].RatePlanId: The rate plan '{id}' could not be found."
            )),
        }
    }
    if messages.len() > before {
        return None;
    }
    let first = plans.first().copied();
    let Some(first) = first else {
        messages.push(format!(
            "{p}TimeSlices: At least one time slice must be provided."
        ));
        return None;
    };
    if plans
        .iter()
        .any(|plan| plan.property_id != first.property_id)
    {
        messages.push(format!(
            "{p}TimeSlices: All time slices must use rate plans of the same property."
        ));
    } else if plans
        .iter()
        .any(|plan| plan.unit_group_id != first.unit_group_id)
    {
        messages.push(format!(
            "{p}TimeSlices: All time slices must use rate plans of the same unit group."
        ));
    }
    let (Some(property), Some(unit_group)) = (
        catalog.property(first.property_id),
        catalog.unit_group(&first.unit_group_id),
    ) else {
        return None;
    };
    let parse = |value: Option<&str>, field: &str, messages: &mut Vec<String>| {
        let value = value.unwrap_or_default();
        let date = parse_stay_date(value, property.tz);
        if date.is_none() {
            messages.push(format!(
                "{p}{field}: The value '{value}' is not valid for {field}."
            ));
        }
        date
    };
    let arrival = parse(input.arrival, "Arrival", messages);
    let departure = parse(input.departure, "Departure", messages);
    for (i, slice) in slices.iter().enumerate() {
        if let Some(money) = &slice.amount
            && (money.amount.is_none_or(|a| !a.is_finite() || a < 0.0) || money.currency.is_none())
        {
            messages.push(format!(
                "{p}TimeSlices[{i}]: The amount must be a non-negative number with a currency."
            ));
        }
    }
    if messages.len() > before {
        return None;
    }
    Some(Stay {
        property,
        unit_group,
        arrival: arrival?,
        departure: departure?,
        adults: u32::try_from(input.adults.unwrap_or(1)).unwrap_or(1),
        children_ages,
        plans,
        overrides: slices.iter().map(|s| s.amount.clone()).collect(),
    })
}

impl Stay<'_> {
    /// Number of nights.
    pub(crate) fn nights(&self) -> i64 {
        (self.departure - self.arrival).num_days()
    }

    /// The nights' dates.
    pub(crate) fn night_dates(&self) -> Vec<NaiveDate> {
        (0..self.nights().max(0))
            .map(|i| self.arrival + Duration::days(i))
            .collect()
    }

    /// Business rules that do not depend on other reservations. `today` is `None` when the
    /// arrival may lie in the past (amending an in-house stay).
    pub(crate) fn check_rules(&self, today: Option<NaiveDate>) -> Result<(), String> {
        if self.departure <= self.arrival
            || self.departure > self.arrival + Duration::days(5 * 365 + 1)
        {
            return Err("The specified condition was not met for 'Departure'.".to_owned());
        }
        if let Some(today) = today
            && self.arrival < today
        {
            return Err("The specified condition was not met for 'Arrival'.".to_owned());
        }
        let expected = self.nights();
        if usize::try_from(expected).ok() != Some(self.plans.len()) {
            return Err(format!(
                "Expected {expected} time slices but {} were provided.",
                self.plans.len()
            ));
        }
        let persons = self
            .adults
            .saturating_add(u32::try_from(self.children_ages.len()).unwrap_or(u32::MAX));
        if persons > self.unit_group.max_persons {
            return Err(format!(
                "The unit group '{}' can accommodate at most {} persons, but {persons} were requested.",
                self.unit_group.id, self.unit_group.max_persons
            ));
        }
        for money in self.overrides.iter().flatten() {
            let currency = money.currency.as_deref().unwrap_or_default();
            if currency != self.property.currency {
                return Err(format!(
                    "The currency '{currency}' does not match the currency '{}' of the property '{}'.",
                    self.property.currency, self.property.id
                ));
            }
        }
        Ok(())
    }

    /// Checks that every night has a sellable unit, counting `pending` units already taken by
    /// earlier reservations of the same request and ignoring reservation `exclude`.
    pub(crate) fn check_availability(
        &self,
        state: &State,
        pending: &HashMap<(String, NaiveDate), u32>,
        exclude: Option<&str>,
    ) -> Result<(), String> {
        for night in self.night_dates() {
            let sold = state.sold(&self.unit_group.id, night, exclude)
                + pending
                    .get(&(self.unit_group.id.clone(), night))
                    .copied()
                    .unwrap_or(0);
            if sold >= self.unit_group.member_count {
                return Err(format!(
                    "The unit group '{}' is fully booked on {}. No more units can be sold.",
                    self.unit_group.id,
                    night.format("%Y-%m-%d")
                ));
            }
        }
        Ok(())
    }

    /// The strongest minimum guarantee of the stay's rate plans.
    pub(crate) fn min_guarantee(&self) -> Guarantee {
        self.plans
            .iter()
            .map(|p| p.min_guarantee())
            .max()
            .unwrap_or(Guarantee::PM6Hold)
    }

    /// Checks a requested guarantee type against the rate plans.
    pub(crate) fn check_guarantee(&self, requested: Guarantee) -> Result<(), String> {
        match self.plans.iter().find(|p| requested < p.min_guarantee()) {
            Some(plan) => Err(format!(
                "The guarantee type '{}' is weaker than the minimum guarantee type '{}' of the rate plan '{}'.",
                requested.as_str(),
                plan.min_guarantee().as_str(),
                plan.id
            )),
            None => Ok(()),
        }
    }

    /// The priced nights (overrides win).
    pub(crate) fn price(&self, catalog: &Catalog) -> Vec<Slice> {
        self.night_dates()
            .into_iter()
            .zip(self.plans.iter().zip(&self.overrides))
            .map(|(night, (plan, override_amount))| {
                let gross = override_amount
                    .as_ref()
                    .and_then(|m| m.amount)
                    .and_then(|a| Decimal::try_from(a).ok())
                    .map(round2)
                    .unwrap_or_else(|| {
                        catalog.night_gross(
                            plan,
                            self.unit_group,
                            night,
                            self.adults,
                            self.children_ages.len(),
                        )
                    });
                Slice {
                    night,
                    rate_plan_id: plan.id.clone(),
                    gross,
                }
            })
            .collect()
    }
}
