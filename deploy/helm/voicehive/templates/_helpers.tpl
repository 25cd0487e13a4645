{{/* The chart's name, at most 63 characters. */}}
{{- define "voicehive.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resources' name: the release name, or release-chart when it does not contain the chart's name. */}}
{{- define "voicehive.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "voicehive.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels the selectors use: never change them on a running release. */}}
{{- define "voicehive.selectorLabels" -}}
app.kubernetes.io/name: {{ include "voicehive.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "voicehive.labels" -}}
helm.sh/chart: {{ include "voicehive.chart" . }}
{{ include "voicehive.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: gateway
app.kubernetes.io/part-of: voicehive
app.kubernetes.io/managed-by: {{ .Release.Service }}
voicehive.eu/environment: {{ .Values.environment }}
{{- end }}

{{- define "voicehive.serviceAccountName" -}}
{{- default (include "voicehive.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{/* Where the Vault agent writes the secrets (the injector's fixed mount). */}}
{{- define "voicehive.secretsDir" -}}
/vault/secrets
{{- end }}

{{/* The file name of a hotel credential: hotel-<id>-<name>, lower case, `_` as `-`. */}}
{{- define "voicehive.hotelSecretFile" -}}
{{- printf "hotel-%s-%s" .hotel .credential | lower | replace "_" "-" }}
{{- end }}

{{/* The label selector of the gateway's series in alerts. */}}
{{- define "voicehive.alertSelector" -}}
{{- printf "namespace=%q, job=%q" .Release.Namespace (include "voicehive.fullname" .) }}
{{- end }}
