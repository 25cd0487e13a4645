//! Scenarios about what must never happen: I/O for rejected calls, guest data in output.

use std::fmt::Write as _;

use pms_contract::{
    Capability, CommentChange, ConfirmationCode, ContactChange, ErrorKind, Guest, NewReservation,
    Occupancy, OfferRequest, Pii, PmsConnector, PmsError, RatePlanId, ReservationChange,
    ReservationSearch, RoomTypeId,
};

use super::{Check, Ctx, Verdict, ensure};
use crate::Lack;
use crate::capture::capture_logs;

/// Passes if no I/O happened since `before`; skips if the harness cannot tell.
fn no_io_since(ctx: &Ctx, before: Option<u64>, calls: &str, checked: &str) -> Check {
    match (before, ctx.io_calls()) {
        (Some(before), Some(after)) => {
            ensure!(
                before == after,
                "{calls} caused {} I/O calls",
                after.saturating_sub(before)
            );
            Ok(())
        }
        _ => Err(Verdict::Skip(
            Lack::IoProbe,
            format!("the harness has no I/O probe; {checked} were checked, absence of I/O was not"),
        )),
    }
}

fn is_validation(kind: &ErrorKind) -> bool {
    *kind == ErrorKind::Validation
}

/// A syntactically valid request the PMS has never seen (ids are made up).
fn made_up_request(ctx: &Ctx, guest: Guest) -> Result<NewReservation, Verdict> {
    Ok(NewReservation {
        idempotency_key: ctx.key(99)?,
        stay: ctx.stay(0, 2)?,
        occupancy: ctx.two_adults()?,
        room_type: ctx.ok("building a room type id", RoomTypeId::new("NO-SUCH-ROOM"))?,
        rate_plan: ctx.ok("building a rate plan id", RatePlanId::new("NO-SUCH-RATE"))?,
        guest,
        comment: None,
    })
}

pub(super) async fn invalid_input_rejected_before_io(ctx: &Ctx) -> Check {
    // Invalid stays and occupancies cannot reach a connector: the contract's `Stay` and
    // `Occupancy` refuse them on construction (pms-contract tests that), so only requests
    // whose cross-field and size rules the guard checks are sent here.
    let before = ctx.io_calls();
    let blank_name = made_up_request(ctx, Guest::new("Ada", "  "))?;
    ctx.err(
        "create with a blank last name",
        ctx.pms.create_reservation(&blank_name).await,
        "a validation",
        is_validation,
    )?;
    let id = ctx.unknown_id()?;
    ctx.err(
        "modify with an empty change",
        ctx.pms
            .modify_reservation(&id, &ReservationChange::default())
            .await,
        "a validation",
        is_validation,
    )?;
    let empty_contact = ReservationChange {
        contact: Some(ContactChange::default()),
        ..ReservationChange::default()
    };
    ctx.err(
        "modify with an empty contact change",
        ctx.pms.modify_reservation(&id, &empty_contact).await,
        "a validation",
        is_validation,
    )?;
    let blank_search = ReservationSearch::LastName {
        last_name: Pii::new(" ".to_owned()),
        arrival: None,
    };
    ctx.err(
        "search by a blank last name",
        ctx.pms.search_reservations(&blank_search).await,
        "a validation",
        is_validation,
    )?;
    no_io_since(ctx, before, "rejected requests", "validation errors")
}

/// Calls the operation that needs `capability` through `pms`.
async fn call_needing(
    ctx: &Ctx,
    pms: &dyn PmsConnector,
    capability: Capability,
) -> Result<Result<(), PmsError>, Verdict> {
    let stay = ctx.stay(0, 2)?;
    let id = ctx.unknown_id()?;
    let guest = ctx.guest(1)?;
    let result = match capability {
        Capability::PropertyInfo => pms.property().await.map(drop),
        Capability::RoomTypes => pms.room_types().await.map(drop),
        Capability::Availability => pms.availability(&stay).await.map(drop),
        Capability::Offers => pms
            .offers(&OfferRequest {
                stay,
                occupancy: ctx.two_adults()?,
            })
            .await
            .map(drop),
        Capability::CreateReservation => pms
            .create_reservation(&made_up_request(ctx, guest)?)
            .await
            .map(drop),
        Capability::GetReservation => pms.get_reservation(&id).await.map(drop),
        Capability::SearchByConfirmation => {
            let code = ctx.ok("building a code", ConfirmationCode::new("ANY1"))?;
            pms.search_reservations(&ReservationSearch::ConfirmationCode(code))
                .await
                .map(drop)
        }
        Capability::SearchByName => pms
            .search_reservations(&ReservationSearch::LastName {
                last_name: guest.last_name,
                arrival: None,
            })
            .await
            .map(drop),
        Capability::SearchByEmail => match guest.email {
            Some(email) => pms
                .search_reservations(&ReservationSearch::Email(email))
                .await
                .map(drop),
            None => return Err(Verdict::Fail("the test guest has no e-mail".into())),
        },
        Capability::SearchByPhone => match guest.phone {
            Some(phone) => pms
                .search_reservations(&ReservationSearch::Phone(phone))
                .await
                .map(drop),
            None => return Err(Verdict::Fail("the test guest has no phone".into())),
        },
        Capability::ModifyStay => pms
            .modify_reservation(
                &id,
                &ReservationChange {
                    stay: Some(stay),
                    ..ReservationChange::default()
                },
            )
            .await
            .map(drop),
        Capability::ModifyGuest => pms
            .modify_reservation(
                &id,
                &ReservationChange {
                    comment: CommentChange::Set(Pii::new("quiet room".to_owned())),
                    ..ReservationChange::default()
                },
            )
            .await
            .map(drop),
        Capability::CancelReservation => pms.cancel_reservation(&id).await.map(drop),
    };
    Ok(result)
}

pub(super) async fn disabled_capability_is_unsupported(ctx: &Ctx) -> Check {
    let before = ctx.io_calls();
    for capability in Capability::ALL {
        let pms = ctx.guarded_with(ctx.fixture.capabilities.without(capability));
        let result = call_needing(ctx, &pms, capability).await?;
        ctx.err(
            &format!("an operation needing {capability} with it switched off"),
            result,
            "an unsupported",
            |k| *k == ErrorKind::Unsupported { capability },
        )?;
    }
    no_io_since(
        ctx,
        before,
        "calls to switched-off capabilities",
        "unsupported errors",
    )
}

/// Everything personal about `guest`, plus the comment and the unique token inside it (found
/// even if a connector truncates the comment), as needles to look for.
fn needles(guest: &Guest, comment: &str, token: &str) -> Vec<String> {
    let mut out = vec![
        guest.first_name.expose().clone(),
        guest.last_name.expose().clone(),
        comment.to_owned(),
        token.to_owned(),
    ];
    if let Some(email) = &guest.email {
        out.push(email.expose().to_owned());
        if let Some((local, _)) = email.expose().split_once('@') {
            out.push(local.to_owned());
        }
    }
    if let Some(phone) = &guest.phone {
        let e164 = phone.expose();
        out.push(e164.to_owned());
        // The national part alone, as a connector might format it; separators are ignored
        // when searching (see `squash`).
        out.push(e164.chars().skip(3).collect());
    }
    out.into_iter().map(|n| n.to_lowercase()).collect()
}

/// Lower case without the separators people put into phone numbers.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub(super) async fn no_guest_data_leaks(ctx: &Ctx) -> Check {
    let comment = format!("Allergic to feathers, call {} back", ctx.nonsense());
    let guest = ctx.guest(1)?;
    let needles = needles(&guest, &comment, &ctx.nonsense());
    let stay = ctx.stay(0, 2)?;
    let offer = ctx.offer(stay).await?;
    let mut request = ctx.request(&offer, guest.clone(), ctx.key(1)?)?;
    request.comment = Some(Pii::new(comment));

    let lifecycle = async {
        let mut out = String::new();
        let created = ctx.try_create(&request).await;
        let _ = write!(out, "{created:?}");
        let created = match created {
            Ok(created) => created,
            Err(err) => return Err(format!("create_reservation failed: {}", err.kind())),
        };
        let _ = write!(out, "{:?}", ctx.pms.get_reservation(&created.id).await);
        let searches = [
            ReservationSearch::LastName {
                last_name: guest.last_name.clone(),
                arrival: Some(stay.arrival()),
            },
            ReservationSearch::ConfirmationCode(created.confirmation_code.clone()),
        ];
        for search in searches.iter().cloned().chain(
            guest
                .email
                .clone()
                .map(ReservationSearch::Email)
                .into_iter()
                .chain(guest.phone.clone().map(ReservationSearch::Phone)),
        ) {
            let _ = write!(
                out,
                "{search:?} {:?}",
                ctx.pms.search_reservations(&search).await
            );
        }
        // Errors that concern this guest: a conflicting key reuse, a too-large party, ...
        let mut conflicting = request.clone();
        conflicting.occupancy = Occupancy::adults(1).map_err(|e| e.to_string())?;
        let errors = [
            ctx.try_create(&conflicting).await.err(),
            ctx.pms
                .modify_reservation(
                    &created.id,
                    &ReservationChange {
                        occupancy: Some(Occupancy::adults(20).map_err(|e| e.to_string())?),
                        ..ReservationChange::default()
                    },
                )
                .await
                .err(),
        ];
        let _ = write!(out, "{:?}", ctx.pms.cancel_reservation(&created.id).await);
        let after_cancel = ctx
            .pms
            .modify_reservation(
                &created.id,
                &ReservationChange {
                    contact: guest.email.clone().map(|email| ContactChange {
                        email: Some(email),
                        ..ContactChange::default()
                    }),
                    comment: request
                        .comment
                        .clone()
                        .map_or(CommentChange::Keep, CommentChange::Set),
                    ..ReservationChange::default()
                },
            )
            .await
            .err();
        for err in errors.into_iter().chain([after_cancel]).flatten() {
            let _ = write!(out, "{err} {err:?} {}", err.message());
        }
        Ok(out)
    };
    let (output, logs) = capture_logs(lifecycle).await;
    let output = output.map_err(Verdict::Fail)?;
    let haystacks = [
        ("Debug output and error messages", output),
        ("log lines", logs),
    ];
    for (label, haystack) in &haystacks {
        let (plain, squashed) = (haystack.to_lowercase(), squash(haystack));
        for needle in &needles {
            ensure!(
                !plain.contains(needle.as_str()) && !squashed.contains(&squash(needle)),
                "guest data ({} characters) appears in {label}",
                needle.chars().count()
            );
        }
    }
    Ok(())
}
