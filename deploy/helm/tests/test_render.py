"""Unit tests of deploy/helm/render.py: each Go-template construct and Helm function the chart
uses, with the output Helm 3/4 gives for it, and the errors Helm gives where this renderer
must refuse too. Run: python -m unittest discover -s deploy/helm/tests -p 'test_*.py'
(with PyYAML and jsonschema, as in target/tools/helm/venv)."""

import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import render  # noqa: E402

CHART = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "voicehive")


def run(src, values=None, defines_src="", release="rel", namespace="ns"):
    """Renders one template text with .Values = values (numbers as Helm's float64)."""
    defines = {}
    if defines_src:
        render.Parser(render.lex(defines_src, "_h.tpl"), "_h.tpl", defines).parse_list()
    nodes, _, _, _ = render.Parser(render.lex(src, "t.yaml"), "t.yaml", defines).parse_list()
    ctx = {"Values": render.to_helm_numbers(values or {}),
           "Release": {"Name": release, "Namespace": namespace, "Service": "Helm"},
           "Chart": {"Name": "voicehive", "Version": "0.1.0", "AppVersion": "0.1.0"},
           "Template": {"BasePath": "voicehive/templates", "Name": "t.yaml"}}
    out = render.Renderer(defines).render(nodes, ctx, [{"$": ctx}], "t.yaml")
    return out.replace("<no value>", "")


class Syntax(unittest.TestCase):
    def test_text_and_fields(self):
        self.assertEqual(run("a: {{ .Values.x }} {{ .Release.Namespace }}", {"x": "y"}), "a: y ns")

    def test_trim_markers(self):
        self.assertEqual(run("a:\n  {{- .Values.x }}\nb", {"x": "1"}), "a:1\nb")
        self.assertEqual(run("a {{ .Values.x -}}  \n\n b", {"x": "1"}), "a 1b")
        # `{{-3}}` is a number, not a trim marker (Go needs a space after the dash).
        self.assertEqual(run("a {{-3}}"), "a -3")

    def test_comments(self):
        self.assertEqual(run("a\n{{- /* gone */}}\nb"), "a\nb")
        self.assertEqual(run("a{{/* x */}}b"), "ab")

    def test_if_else_if_else(self):
        t = "{{ if .Values.a }}A{{ else if .Values.b }}B{{ else }}C{{ end }}"
        self.assertEqual(run(t, {"a": True}), "A")
        self.assertEqual(run(t, {"a": False, "b": 1}), "B")
        self.assertEqual(run(t, {"a": 0, "b": ""}), "C")
        self.assertEqual(run(t, {}), "C")

    def test_truth_of_empty_collections(self):
        self.assertEqual(run("{{ if .Values.l }}y{{ else }}n{{ end }}", {"l": []}), "n")
        self.assertEqual(run("{{ if .Values.m }}y{{ else }}n{{ end }}", {"m": {}}), "n")

    def test_range_list_and_map(self):
        self.assertEqual(run("{{ range .Values.l }}[{{ . }}]{{ end }}", {"l": ["a", "b"]}), "[a][b]")
        self.assertEqual(run("{{ range $i, $v := .Values.l }}{{ if $i }},{{ end }}{{ $v }}{{ end }}",
                             {"l": ["a", "b", "c"]}), "a,b,c")
        # Maps iterate in key order.
        self.assertEqual(run("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}",
                             {"m": {"b": "2", "a": "1"}}), "a=1;b=2;")
        self.assertEqual(run("{{ range .Values.l }}x{{ else }}empty{{ end }}", {"l": []}), "empty")

    def test_with_and_else(self):
        self.assertEqual(run("{{ with .Values.m }}{{ .k }}{{ end }}", {"m": {"k": "v"}}), "v")
        self.assertEqual(run("{{ with .Values.m }}{{ .k }}{{ else }}none{{ end }}", {}), "none")

    def test_variables_and_root(self):
        t = "{{ $n := .Values.name }}{{ range .Values.l }}{{ $n }}-{{ . }}-{{ $.Release.Name }} {{ end }}"
        self.assertEqual(run(t, {"name": "x", "l": ["1", "2"]}), "x-1-rel x-2-rel ")
        self.assertEqual(run("{{ $v := \"a\" }}{{ $v = \"b\" }}{{ $v }}"), "b")
        self.assertEqual(run("{{ $m := .Values.m }}{{ $m.k.j }}", {"m": {"k": {"j": "deep"}}}), "deep")

    def test_define_include_nindent(self):
        defs = '{{- define "lbl" -}}\na: {{ .Release.Name }}\nb: "2"\n{{- end }}'
        self.assertEqual(run('m:\n  {{- include "lbl" . | nindent 2 }}', defines_src=defs),
                         'm:\n  a: rel\n  b: "2"')
        self.assertEqual(run('{{ include "lbl" . | indent 4 }}', defines_src=defs), '    a: rel\n    b: "2"')

    def test_string_literals(self):
        self.assertEqual(run('{{ "{{" }} x {{ "}}" }}'), "{{ x }}")
        self.assertEqual(run("{{`{{ $value }}`}}"), "{{ $value }}")
        self.assertEqual(run('{{ "a\\"b" }}'), 'a"b')

    def test_parentheses(self):
        self.assertEqual(run('{{ printf "%s-%d" (lower "AB") (int .Values.n) }}', {"n": 5}), "ab-5")


class Functions(unittest.TestCase):
    def test_quote_default_required(self):
        self.assertEqual(run('{{ .Values.x | quote }}', {"x": 'a"b'}), '"a\\"b"')
        self.assertEqual(run('{{ .Values.n | quote }}', {"n": 3}), '"3"')
        self.assertEqual(run('{{ .Values.x | default "d" }}', {"x": ""}), "d")
        self.assertEqual(run('{{ .Values.x | default "d" }}', {"x": "v"}), "v")
        self.assertEqual(run('{{ default "d" .Values.missing }}', {}), "d")
        with self.assertRaisesRegex(render.TemplateError, "execution error: host is required"):
            run('{{ required "host is required" .Values.host }}', {"host": ""})

    def test_numbers_are_float64_as_in_helm(self):
        self.assertEqual(run("{{ .Values.n }}", {"n": 3}), "3")
        self.assertEqual(run("{{ .Values.n }}", {"n": 65536}), "65536")
        self.assertEqual(run("{{ .Values.n }}", {"n": 1000000}), "1e+06")
        self.assertEqual(run("{{ .Values.n }}", {"n": 0.05}), "0.05")
        # printf %d of a value is Go's formatting error text, as in Helm: use int.
        self.assertEqual(run('{{ printf "%d" .Values.n }}', {"n": 5432}), "%!d(float64=5432)")
        self.assertEqual(run('{{ printf "%d" (int .Values.n) }}', {"n": 5432}), "5432")

    def test_printf_verbs(self):
        self.assertEqual(run('{{ printf "%s/%v/%q/%%" "a" true "b" }}'), 'a/true/"b"/%')
        self.assertEqual(run('{{ printf "%s" }}'), "%!s(MISSING)")

    def test_string_functions(self):
        self.assertEqual(run('{{ "abcdef-" | trunc 4 }}'), "abcd")
        self.assertEqual(run('{{ "abc-" | trimSuffix "-" }}'), "abc")
        self.assertEqual(run('{{ "a+b" | replace "+" "_" }}'), "a_b")
        self.assertEqual(run('{{ if contains "hive" "voicehive" }}y{{ end }}'), "y")
        self.assertEqual(run('{{ "Hotel_BER" | lower }}'), "hotel_ber")
        self.assertEqual(run('{{ "x" | sha256sum }}'),
                         "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")

    def test_logic(self):
        self.assertEqual(run('{{ if and .Values.a .Values.b }}y{{ else }}n{{ end }}', {"a": 1, "b": ""}), "n")
        self.assertEqual(run('{{ or .Values.a "fallback" }}', {"a": ""}), "fallback")
        self.assertEqual(run('{{ if not .Values.a }}y{{ end }}', {"a": False}), "y")
        self.assertEqual(run('{{ if eq .Values.s "x" }}y{{ end }}', {"s": "x"}), "y")
        with self.assertRaisesRegex(render.TemplateError, "incompatible types"):
            run('{{ if eq .Values.n 3 }}y{{ end }}', {"n": 3})

    def test_dict_and_tojson(self):
        self.assertEqual(run('{{ dict "b" 1 "a" "x" | toJson }}'), '{"a":"x","b":1}')
        self.assertEqual(run('{{ .Values.l | toJson }}', {"l": ["eu-central-1", "<&>"]}),
                         '["eu-central-1","\\u003c\\u0026\\u003e"]')

    def test_toyaml_like_sigs_k8s_io_yaml(self):
        v = {"resources": {"requests": {"memory": "256Mi", "cpu": "250m"}, "limits": {"cpu": "1"}},
             "list": [{"b": 1, "a": "x"}, "yes", "", "8080", True, None, 0.5],
             "empty": {}, "none": []}
        self.assertEqual(run("{{ toYaml .Values }}", v), "\n".join([
            "empty: {}",
            "list:",
            "- a: x",
            "  b: 1",
            '- "yes"',
            '- ""',
            '- "8080"',
            "- true",
            "- null",
            "- 0.5",
            "none: []",
            "resources:",
            "  limits:",
            '    cpu: "1"',
            "  requests:",
            "    cpu: 250m",
            "    memory: 256Mi",
        ]))

    def test_toyaml_key_order_is_go_yaml_natural_order(self):
        self.assertEqual(run("{{ toYaml .Values }}", {"a10": 1, "a2": 2, "a_b": 3, "aB": 4}),
                         "a_b: 3\na2: 2\na10: 1\naB: 4")

    def test_toyaml_multiline_string_is_a_literal_block(self):
        self.assertEqual(run("{{ toYaml .Values }}", {"k": "line1\nline2\n"}), "k: |\n  line1\n  line2")


class Errors(unittest.TestCase):
    def test_field_of_missing_value(self):
        with self.assertRaisesRegex(render.TemplateError, r"nil pointer evaluating interface \{\}\.b"):
            run("{{ .Values.a.b }}", {})

    def test_unknown_function(self):
        with self.assertRaisesRegex(render.TemplateError, 'function "tpl" not defined'):
            run("{{ tpl .Values.a . }}")

    def test_unclosed_block(self):
        with self.assertRaisesRegex(render.TemplateError, "missing"):
            run("{{ if .Values.a }}x")

    def test_undefined_template(self):
        with self.assertRaisesRegex(render.TemplateError, 'no template "nope"'):
            run('{{ include "nope" . }}')

    def test_undefined_variable(self):
        with self.assertRaisesRegex(render.TemplateError, "undefined variable"):
            run("{{ $x }}")


class Chart(unittest.TestCase):
    def test_values_merge_like_helm(self):
        self.assertEqual(render.merge({"a": {"b": 1, "c": [1, 2]}, "d": 1}, {"a": {"c": [3]}, "d": None}),
                         {"a": {"b": 1, "c": [3]}})

    def test_every_environment_renders_and_sorts_by_install_order(self):
        for env, (vfile, ns) in render.ENVIRONMENTS.items():
            out = render.render_chart(CHART, [os.path.join(CHART, vfile)], ns)
            kinds = [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("kind: ")]
            self.assertEqual(kinds[:2], ["NetworkPolicy", "PodDisruptionBudget"] if env != "dev"
                             else ["NetworkPolicy", "ServiceAccount"], env)
            self.assertEqual(kinds[-2:], ["PrometheusRule", "ServiceMonitor"], env)
            self.assertNotIn("<no value>", out)

    def test_schema_refuses_bad_values(self):
        bad = os.path.join(CHART, "..", "tests", "bad", "values-schema.yaml")
        with self.assertRaisesRegex(render.TemplateError, "schema"):
            render.render_chart(CHART, [bad], "ns")

    def test_required_host(self):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "v.yaml")
            with open(path, "w") as f:
                f.write("gateway:\n  redis:\n    host: r.internal\n")
            with self.assertRaisesRegex(render.TemplateError, "gateway.database.host is required"):
                render.render_chart(CHART, [path], "ns")
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
