#!/usr/bin/env python3
"""Renders a Helm chart like `helm template`, for machines without the helm binary.

    render.py CHART -f VALUES... --namespace NS [--release NAME] [-o FILE]
    render.py CHART --all --out DIR          # every environment of ENVIRONMENTS below
    render.py merge CHART -f VALUES -o OUT.json      # the merged values (for the schema checks)
    render.py split FILE --core OUT [--crd-dir DIR] [--rules OUT]   # core kinds / CRD kinds / rules

It implements the subset of Go templates and of Helm's functions that this chart uses, and
refuses everything else with an error (an unknown function, a field of a missing value): a
template that renders here renders the same under Helm, and `helm lint` (helm-sdkpy) checks
the chart with the real engine. Modelled on Helm:

- values: values.yaml deep-merged with the -f files (maps merge, lists and scalars replace,
  null deletes); numbers are float64 as in Helm (`printf "%d"` of a value is an error there:
  use `int`), validated against values.schema.json (draft 7);
- templates/*: files starting with `_` only define templates; the others are rendered, split
  on `---`, empty documents dropped, and printed with `# Source:` headers, sorted by file
  name and then by kind in Helm's install order (unknown kinds last);
- `<no value>` (a missing value printed) becomes the empty string, as in Helm;
- toYaml follows sigs.k8s.io/yaml: keys sorted (go-yaml's order), sequences at their key's
  indentation, strings double-quoted when plain would read as something else, no trailing
  newline.

Go template subset: text, {{ }} with {{- -}} trimming, comments, fields (.a.b, $.a, $v.a),
variables ($v := ..., $v = ...), pipelines with |, parentheses, string ("..." and `...`),
number, bool and nil literals, if / else if / else, range (lists and maps, with $i, $v :=),
with / else, define, end. Functions: see FUNCS.
"""

import argparse
import decimal
import functools
import hashlib
import json
import os
import re
import sys

import yaml

ENVIRONMENTS = {
    # name: (values file in the chart, namespace)
    "dev": ("values-dev.yaml", "voicehive-dev"),
    "staging": ("values-staging.yaml", "voicehive-staging"),
    "prod": ("values-prod.yaml", "voicehive"),
}
RELEASE = "voicehive"

INSTALL_ORDER = [
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
    "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
    "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
    "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
    "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
    "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
]


class TemplateError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Lexer: text and actions.

TOKEN_RE = re.compile(
    r"""\s+|(?P<str>"(?:[^"\\\n]|\\.)*")|(?P<raw>`[^`]*`)|(?P<num>-?\d+(?:\.\d+)?)"""
    r"""|(?P<var>\$[A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(?P<field>(?:\.[A-Za-z_][A-Za-z0-9_]*)+|\.)"""
    r"""|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>:=|[()|=,])""")
WS = " \t\r\n"


def lex(src, name):
    """Yields ('text', s) and ('action', tokens, line); applies the trim markers."""
    out, pos, trim_next = [], 0, False
    while True:
        start = src.find("{{", pos)
        text = src[pos:] if start < 0 else src[pos:start]
        if trim_next:
            text = text.lstrip(WS)
        if start < 0:
            out.append(("text", text))
            return out
        line = src.count("\n", 0, start) + 1
        i = start + 2
        if src.startswith("- ", i) or (src[i:i + 1] == "-" and src[i + 1:i + 2] in WS and src[i + 1:i + 2]):
            text = text.rstrip(WS)
            i += 1
        out.append(("text", text))
        j = i
        while j < len(src) and src[j] in WS:
            j += 1
        if src.startswith("/*", j):
            end = src.find("*/", j)
            if end < 0:
                raise TemplateError(f"{name}:{line}: unclosed comment")
            k = end + 2
            while k < len(src) and src[k] in WS:
                k += 1
            trim_next = src.startswith("-}}", k)
            close = k + 3 if trim_next else k + 2
            if not (src.startswith("}}", k) or trim_next):
                raise TemplateError(f"{name}:{line}: comment must end with */}}}}")
            pos = close
            continue
        tokens = []
        while True:
            if i >= len(src):
                raise TemplateError(f"{name}:{line}: unclosed action")
            if src.startswith(" -}}", i) or src.startswith("\t-}}", i) or src.startswith("\n-}}", i):
                trim_next, pos = True, i + 4
                break
            if src.startswith("}}", i):
                trim_next, pos = False, i + 2
                break
            m = TOKEN_RE.match(src, i)
            if not m:
                raise TemplateError(f"{name}:{line}: unexpected {src[i:i + 10]!r}")
            i = m.end()
            if m.lastgroup:
                tokens.append((m.lastgroup, m.group(m.lastgroup)))
        out.append(("action", tokens, line))


# ---------------------------------------------------------------------------------------------
# Parser: a tree of nodes.

class Parser:
    def __init__(self, items, name, defines):
        self.items, self.i, self.name, self.defines = items, 0, name, defines

    def error(self, line, msg):
        return TemplateError(f"{self.name}:{line}: {msg}")

    def parse_list(self, stops=()):
        """Nodes until an action whose keyword is in stops; returns (nodes, keyword, tokens)."""
        nodes = []
        while self.i < len(self.items):
            item = self.items[self.i]
            self.i += 1
            if item[0] == "text":
                if item[1]:
                    nodes.append(("text", item[1]))
                continue
            _, toks, line = item
            kw = toks[0][1] if toks and toks[0][0] == "ident" else None
            if kw in stops:
                return nodes, kw, toks, line
            if kw in ("end", "else"):
                raise self.error(line, f"unexpected {{{{{kw}}}}}")
            if kw == "if":
                nodes.append(self.parse_if(toks[1:], line))
            elif kw in ("range", "with"):
                pipe = self.pipeline(toks[1:], line)
                body, stop, stoks, sline = self.parse_list(("end", "else"))
                other = []
                if stop == "else":
                    other, stop, _, _ = self.parse_list(("end",))
                nodes.append((kw, pipe, body, other, line))
            elif kw == "define":
                if len(toks) != 2 or toks[1][0] not in ("str", "raw"):
                    raise self.error(line, "define needs a name")
                body, _, _, _ = self.parse_list(("end",))
                self.defines[string_literal(toks[1])] = (body, self.name)
            elif kw in ("template", "block"):
                raise self.error(line, f"{kw} is not supported: use include")
            else:
                nodes.append(("action", self.pipeline(toks, line), line))
        if stops:
            raise self.error("EOF", f"missing {{{{end}}}} (looking for {', '.join(stops)})")
        return nodes, None, None, None

    def parse_if(self, toks, line):
        branches = [(self.pipeline(toks, line), None)]
        while True:
            body, stop, stoks, sline = self.parse_list(("end", "else"))
            branches[-1] = (branches[-1][0], body)
            if stop == "end":
                return ("if", branches, [], line)
            if len(stoks) > 1 and stoks[1] == ("ident", "if"):
                branches.append((self.pipeline(stoks[2:], sline), None))
                continue
            other, _, _, _ = self.parse_list(("end",))
            return ("if", branches, other, line)

    def pipeline(self, toks, line):
        """{'decl': [vars], 'assign': bool, 'cmds': [[args]]}"""
        decl, assign = [], False
        for k, op in enumerate(toks):
            if op[0] == "op" and op[1] in (":=", "="):
                names = [t for t in toks[:k] if t != ("op", ",")]
                if not names or any(t[0] != "var" for t in names):
                    raise self.error(line, "bad variable declaration")
                decl, assign, toks = [t[1] for t in names], op[1] == "=", toks[k + 1:]
                break
        cmds, pos = self.commands(toks, 0, line, top=True)
        if not cmds:
            raise self.error(line, "empty action")
        return {"decl": decl, "assign": assign, "cmds": cmds, "line": line}

    def commands(self, toks, pos, line, top):
        cmds, args = [], []
        while pos < len(toks):
            kind, val = toks[pos]
            pos += 1
            if kind == "op" and val == "|":
                if not args:
                    raise self.error(line, "missing command before |")
                cmds.append(args)
                args = []
            elif kind == "op" and val == "(":
                sub, pos = self.commands(toks, pos, line, top=False)
                args.append(("pipe", {"decl": [], "assign": False, "cmds": sub, "line": line}))
            elif kind == "op" and val == ")":
                if top:
                    raise self.error(line, "unexpected )")
                cmds.append(args)
                return cmds, pos
            elif kind in ("str", "raw"):
                args.append(("lit", string_literal((kind, val))))
            elif kind == "num":
                args.append(("lit", float(val) if "." in val else int(val)))
            elif kind == "ident" and val in ("true", "false"):
                args.append(("lit", val == "true"))
            elif kind == "ident" and val == "nil":
                args.append(("lit", None))
            elif kind == "ident":
                if val not in FUNCS:
                    raise self.error(line, f'function "{val}" not defined')
                args.append(("func", val))
            elif kind == "field":
                args.append(("field", [] if val == "." else val[1:].split(".")))
            elif kind == "var":
                name, *path = val.split(".")
                args.append(("var", name, path))
            else:
                raise self.error(line, f"unexpected {val!r}")
        if not top:
            raise self.error(line, "unclosed (")
        if args:
            cmds.append(args)
        return cmds, pos


def string_literal(tok):
    kind, val = tok
    if kind == "raw":
        return val[1:-1]
    return json.loads(val)  # Go's escapes for the strings the chart uses (\" \\ \n \t \uXXXX)


# ---------------------------------------------------------------------------------------------
# Values of Go: formatting, truth, YAML.

def go_float(x):
    """strconv.FormatFloat(x, 'g', -1, 64), which fmt's %v uses for float64: the shortest
    digits, in exponent form when the exponent is < -4 or >= 6 (1e+06, 0.05, 65536)."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "+Inf" if x > 0 else "-Inf"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    t = decimal.Decimal(repr(abs(float(x)))).normalize().as_tuple()
    digits = "".join(map(str, t.digits))
    dp = len(digits) + t.exponent  # value = 0.DIGITS * 10**dp
    e = dp - 1
    if e < -4 or e >= 6:
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{m}e{'-' if e < 0 else '+'}{abs(e):02d}"
    if dp <= 0:
        return f"{sign}0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return sign + digits + "0" * (dp - len(digits))
    return f"{sign}{digits[:dp]}.{digits[dp:]}"


def go_type(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, dict):
        return "map[string]interface {}"
    return "<nil>"


def go_print(v):
    """fmt.Sprint of one value (%v)."""
    if v is None:
        return "<no value>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return go_float(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return "[" + " ".join("<nil>" if x is None else go_print(x) for x in v) + "]"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{'<nil>' if v[k] is None else go_print(v[k])}" for k in sorted(v)) + "]"
    raise TemplateError(f"cannot print {v!r}")


def go_quote(s):
    """Go's %q of a string (strconv.Quote) for printable text."""
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def truth(v):
    if v is None or v is False:
        return False
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v != 0
    if isinstance(v, (str, list, dict)):
        return len(v) > 0
    return True


def yaml_key_cmp(a, b):
    """go-yaml v2's keyList.Less: letters after other characters, digit runs by value."""
    ar, br = a, b
    for i in range(min(len(ar), len(br))):
        if ar[i] == br[i]:
            continue
        al, bl = ar[i].isalpha(), br[i].isalpha()
        if al and bl:
            return -1 if ar[i] < br[i] else 1
        if al or bl:
            return -1 if bl else 1
        an = bn = 0
        if ar[i] == "0" or br[i] == "0":
            j = i - 1
            while j >= 0 and ar[j].isdigit():
                if ar[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(ar) and ar[ai].isdigit():
            an = an * 10 + int(ar[ai])
            ai += 1
        bi = i
        while bi < len(br) and br[bi].isdigit():
            bn = bn * 10 + int(br[bi])
            bi += 1
        if an != bn:
            return -1 if an < bn else 1
        if ai != bi:
            return -1 if ai < bi else 1
        return -1 if ar[i] < br[i] else 1
    return (len(ar) > len(br)) - (len(ar) < len(br))


YAML11_SPECIAL = {"y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
                  "off", "Off", "OFF", "true", "True", "TRUE", "false", "False", "FALSE",
                  "null", "Null", "NULL", "~", ""}


def yaml_scalar(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e21:
            return str(int(v))
        return json.dumps(v)
    if isinstance(v, int):
        return str(v)
    if not isinstance(v, str):
        raise TemplateError(f"toYaml: unsupported {v!r}")
    plain = v not in YAML11_SPECIAL
    if plain:
        try:
            plain = yaml.safe_load(v) == v and yaml.safe_dump(v, width=1 << 30).rstrip("\n") in (v, v + "\n...")
        except yaml.YAMLError:
            plain = False
    if plain:
        return v
    return json.dumps(v, ensure_ascii=False)


def to_yaml(v, indent=0):
    """sigs.k8s.io/yaml's Marshal, for the structures a values file holds."""
    pad = " " * indent
    if isinstance(v, dict):
        if not v:
            return pad + "{}"
        lines = []
        for k in sorted(v, key=functools.cmp_to_key(yaml_key_cmp)):
            key, val = yaml_scalar(str(k)), v[k]
            if isinstance(val, dict) and val:
                lines.append(f"{pad}{key}:\n{to_yaml(val, indent + 2)}")
            elif isinstance(val, list) and val:
                lines.append(f"{pad}{key}:\n{to_yaml(val, indent)}")
            elif isinstance(val, str) and "\n" in val:
                lines.append(f"{pad}{key}: {block_scalar(val, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {to_yaml(val, 0)}")
        return "\n".join(lines)
    if isinstance(v, list):
        if not v:
            return pad + "[]"
        lines = []
        for item in v:
            if isinstance(item, (dict, list)) and item:
                inner = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {inner[indent + 2:]}")
            else:
                lines.append(f"{pad}- {to_yaml(item, 0)}")
        return "\n".join(lines)
    if isinstance(v, str) and "\n" in v:
        return pad + block_scalar(v, indent + 2)
    return pad + yaml_scalar(v)


def block_scalar(s, indent):
    chomp = "" if s.endswith("\n") and not s.endswith("\n\n") else ("-" if not s.endswith("\n") else "+")
    body = s[:-1] if s.endswith("\n") else s
    return "|" + chomp + "".join("\n" + (" " * indent + ln if ln else "") for ln in body.split("\n"))


def to_json(v):
    def norm(x):
        if isinstance(x, float) and x == int(x) and abs(x) < 1e21:
            return int(x)
        if isinstance(x, dict):
            return {k: norm(x[k]) for k in sorted(x)}
        if isinstance(x, list):
            return [norm(i) for i in x]
        return x
    s = json.dumps(norm(v), separators=(",", ":"), ensure_ascii=False)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------------------------------
# Functions (Go template builtins and the Helm/sprig ones the chart uses).

def go_printf(fmt, *args):
    out, ai, i = [], 0, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        verb = fmt[i + 1:i + 2]
        i += 2
        if verb == "%":
            out.append("%")
            continue
        if ai >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        a = args[ai]
        ai += 1
        if verb == "v":
            out.append("<nil>" if a is None else go_print(a))
        elif verb == "s" and isinstance(a, str):
            out.append(a)
        elif verb == "q" and isinstance(a, str):
            out.append(go_quote(a))
        elif verb == "d" and isinstance(a, int) and not isinstance(a, bool):
            out.append(str(a))
        else:
            shown = "<nil>" if a is None else go_print(a)
            out.append(f"%!{verb}({go_type(a)}={shown})")
    if ai < len(args):
        out.append("%!(EXTRA " + ", ".join(f"{go_type(a)}={go_print(a)}" for a in args[ai:]) + ")")
    return "".join(out)


def go_sprint(*args):
    out = []
    for k, a in enumerate(args):
        if k and not isinstance(a, str) and not isinstance(args[k - 1], str):
            out.append(" ")
        out.append("<nil>" if a is None else go_print(a))
    return "".join(out)


def comparable(a, b, fn):
    kinds = {go_type(a), go_type(b)}
    if len(kinds) > 1:
        raise TemplateError(f"{fn}: incompatible types for comparison ({go_type(a)}, {go_type(b)})")


def f_eq(a, *rest):
    for b in rest:
        comparable(a, b, "eq")
        if a == b:
            return True
    return False


def f_ne(a, b):
    comparable(a, b, "ne")
    return a != b


def f_required(msg, v=None):
    if v is None or (isinstance(v, str) and v == ""):
        raise TemplateError(f"execution error: {msg}")
    return v


def f_default(d, v=None):
    return v if truth(v) else d


def f_int(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return int(v)
    if isinstance(v, str):
        try:
            return int(float(v))
        except ValueError:
            return 0
    return 0


def f_indent(n, s):
    pad = " " * int(n)
    return pad + s.replace("\n", "\n" + pad)


def f_trunc(n, s):
    n = int(n)
    if n < 0:
        return s[max(len(s) + n, 0):]
    return s[:n]


def f_dict(*kv):
    if len(kv) % 2:
        kv = kv + ("",)
    return {go_print(kv[i]) if not isinstance(kv[i], str) else kv[i]: kv[i + 1] for i in range(0, len(kv), 2)}


def f_fail(msg):
    raise TemplateError(f"execution error: {msg}")


def f_len(v):
    if v is None or not isinstance(v, (str, list, dict)):
        raise TemplateError(f"len of {go_type(v)}")
    return len(v)


FUNCS = {
    "and": None, "or": None,  # short-circuit, in Renderer.call
    "include": None,          # needs the renderer
    "not": lambda v: not truth(v),
    "eq": f_eq, "ne": f_ne, "len": f_len,
    "print": go_sprint, "printf": go_printf,
    "default": f_default, "required": f_required, "fail": f_fail, "empty": lambda v=None: not truth(v),
    "quote": lambda *a: " ".join(go_quote(go_sprint(x)) for x in a if x is not None),
    "toYaml": lambda v: to_yaml(v) if v is not None else "null",
    "toJson": to_json,
    "indent": f_indent, "nindent": lambda n, s: "\n" + f_indent(n, s),
    "trunc": f_trunc, "trimSuffix": lambda suf, s: s[:-len(suf)] if suf and s.endswith(suf) else s,
    "trimPrefix": lambda pre, s: s[len(pre):] if pre and s.startswith(pre) else s,
    "lower": lambda s: s.lower(), "upper": lambda s: s.upper(),
    "replace": lambda old, new, s: s.replace(old, new),
    "contains": lambda sub, s: sub in s,
    "int": f_int, "toString": lambda v: go_sprint(v),
    "dict": f_dict,
    "sha256sum": lambda s: hashlib.sha256(s.encode()).hexdigest(),
}


# ---------------------------------------------------------------------------------------------
# Execution.

class Renderer:
    def __init__(self, defines):
        self.defines = defines

    def render(self, nodes, dot, scope, name):
        out = []
        self.block(nodes, dot, scope, out, name)
        return "".join(out)

    def block(self, nodes, dot, scope, out, name):
        scope = [dict(scope[0])] + scope  # variables declared inside end with the block
        for node in nodes:
            kind = node[0]
            try:
                if kind == "text":
                    out.append(node[1])
                elif kind == "action":
                    v = self.pipe(node[1], dot, scope, name)
                    if not node[1]["decl"]:
                        out.append(go_print(v))
                elif kind == "if":
                    for pipe, body in node[1]:
                        if truth(self.pipe(pipe, dot, scope, name)):
                            self.block(body, dot, scope, out, name)
                            break
                    else:
                        self.block(node[2], dot, scope, out, name)
                elif kind == "with":
                    v = self.pipe(node[1], dot, scope, name)
                    if truth(v):
                        self.block(node[2], v, scope, out, name)
                    else:
                        self.block(node[3], dot, scope, out, name)
                elif kind == "range":
                    self.range(node, dot, scope, out, name)
            except TemplateError as e:
                if str(e).startswith(name + ":") or "execution error" in str(e):
                    raise
                line = node[-1] if kind != "text" else "?"
                raise TemplateError(f"{name}:{line}: {e}") from None

    def range(self, node, dot, scope, out, name):
        _, pipe, body, other, _ = node
        seq = self.pipe(dict(pipe, decl=[]), dot, scope, name)
        if seq is None:
            items = []
        elif isinstance(seq, list):
            items = list(enumerate(seq))
        elif isinstance(seq, dict):
            items = [(k, seq[k]) for k in sorted(seq)]
        elif isinstance(seq, int) and not isinstance(seq, bool):
            items = [(i, i) for i in range(seq)]
        else:
            raise TemplateError(f"range can't iterate over {go_print(seq)}")
        if not items:
            self.block(other, dot, scope, out, name)
            return
        for k, v in items:
            inner = [dict(scope[0])] + scope
            if len(pipe["decl"]) == 1:
                inner[0][pipe["decl"][0]] = v
            elif len(pipe["decl"]) == 2:
                inner[0][pipe["decl"][0]] = k
                inner[0][pipe["decl"][1]] = v
            self.block(body, v, inner, out, name)

    def pipe(self, pipe, dot, scope, name):
        val, piped = None, False
        for cmd in pipe["cmds"]:
            val = self.command(cmd, dot, scope, name, val if piped else _NOARG)
            piped = True
        for var in pipe["decl"]:
            if pipe["assign"]:
                for frame in scope:
                    if var in frame:
                        frame[var] = val
                        break
                else:
                    raise TemplateError(f"undefined variable: {var}")
            else:
                scope[0][var] = val
        return val

    def command(self, args, dot, scope, name, piped):
        head = args[0]
        if head[0] == "func":
            fn = head[1]
            lazy = [lambda a=a: self.arg(a, dot, scope, name) for a in args[1:]]
            if piped is not _NOARG:
                lazy.append(lambda: piped)
            if fn in ("and", "or"):
                v = None
                for get in lazy:
                    v = get()
                    if truth(v) != (fn == "and"):
                        return v
                return v
            vals = [get() for get in lazy]
            if fn == "include":
                if len(vals) != 2:
                    raise TemplateError("include needs a name and a context")
                return self.include(vals[0], vals[1])
            try:
                return FUNCS[fn](*vals)
            except TypeError as e:
                raise TemplateError(f"{fn}: wrong arguments ({e})") from None
        if len(args) > 1 or piped is not _NOARG:
            raise TemplateError(f"can't give arguments to a non-function {head}")
        return self.arg(head, dot, scope, name)

    def arg(self, a, dot, scope, name):
        kind = a[0]
        if kind == "lit":
            return a[1]
        if kind == "field":
            return walk(dot, a[1])
        if kind == "var":
            for frame in scope:
                if a[1] in frame:
                    return walk(frame[a[1]], a[2])
            raise TemplateError(f"undefined variable: {a[1]}")
        if kind == "pipe":
            return self.pipe(a[1], dot, scope, name)
        if kind == "func":
            return self.command([a], dot, scope, name, _NOARG)
        raise TemplateError(f"bad argument {a}")

    def include(self, tname, ctx):
        if tname not in self.defines:
            raise TemplateError(f'no template "{tname}" associated with template')
        body, origin = self.defines[tname]
        return self.render(body, ctx, [{"$": ctx}], origin)


_NOARG = object()


def walk(v, path):
    for k, key in enumerate(path):
        if v is None:
            raise TemplateError(f"nil pointer evaluating interface {{}}.{key}")
        if not isinstance(v, dict):
            raise TemplateError(f"can't evaluate field {key} in type {go_type(v)}")
        v = v.get(key)
    return v


# ---------------------------------------------------------------------------------------------
# Charts.

def to_helm_numbers(v):
    """Values pass through JSON in Helm: every number is a float64."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, dict):
        return {str(k): to_helm_numbers(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_helm_numbers(x) for x in v]
    raise TemplateError(f"values: unsupported {type(v).__name__} {v!r} (dates must be quoted)")


def merge(base, over):
    out = dict(base)
    for k, v in over.items():
        if v is None:
            out.pop(k, None)
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return {} if data is None else data


def merged_values(chart, value_files):
    values = load_yaml(os.path.join(chart, "values.yaml"))
    for path in value_files:
        values = merge(values, load_yaml(path))
    return values


def validate_values(chart, values):
    schema_path = os.path.join(chart, "values.schema.json")
    if not os.path.exists(schema_path):
        return
    import jsonschema  # in the pinned venv (checkov and check-jsonschema need it too)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(values), key=lambda e: list(e.path))
    if errors:
        raise TemplateError("values don't meet the specifications of the schema:\n" + "\n".join(
            f"- {'.'.join(str(p) for p in e.path) or '(root)'}: {e.message}" for e in errors))


def render_chart(chart, value_files, namespace, release=RELEASE):
    chart_meta = load_yaml(os.path.join(chart, "Chart.yaml"))
    values = merged_values(chart, value_files)
    validate_values(chart, values)
    chart_name = chart_meta["name"]
    tdir = os.path.join(chart, "templates")
    files = sorted(f for f in os.listdir(tdir) if f.endswith((".yaml", ".yml", ".tpl")))
    defines, trees = {}, {}
    for f in files:
        tname = f"{chart_name}/templates/{f}"
        with open(os.path.join(tdir, f), encoding="utf-8") as fh:
            src = fh.read()
        nodes, _, _, _ = Parser(lex(src, tname), tname, defines).parse_list()
        defines[tname] = (nodes, tname)  # Helm names every file as a template too
        trees[tname] = nodes
    top = {
        "Values": to_helm_numbers(values),
        "Release": {"Name": release, "Namespace": namespace, "Service": "Helm",
                    "IsInstall": True, "IsUpgrade": False, "Revision": 1.0},
        "Chart": {"Name": chart_name, "Version": str(chart_meta["version"]),
                  "AppVersion": str(chart_meta.get("appVersion", ""))},
        "Template": {"BasePath": f"{chart_name}/templates"},
    }
    renderer = Renderer(defines)
    manifests = []
    for tname in sorted(trees):
        if os.path.basename(tname).startswith("_") or not tname.endswith((".yaml", ".yml")):
            continue
        ctx = dict(top, Template={"BasePath": top["Template"]["BasePath"], "Name": tname})
        text = renderer.render(trees[tname], ctx, [{"$": ctx}], tname).replace("<no value>", "")
        for doc in re.split(r"(?:^|\s*\n)---\s*", text):
            if not doc.strip():
                continue
            content = doc.strip()
            try:
                parsed = yaml.safe_load(content)
            except yaml.YAMLError as e:
                raise TemplateError(f"{tname}: the rendered YAML does not parse: {e}") from None
            if parsed is None:
                continue
            if not isinstance(parsed, dict) or "kind" not in parsed:
                raise TemplateError(f"{tname}: a rendered document without kind")
            manifests.append((tname, parsed["kind"], content))
    order = {k: i for i, k in enumerate(INSTALL_ORDER)}

    def key(m):
        known = m[1] in order
        return (0, order[m[1]], "") if known else (1, 0, m[1])
    manifests.sort(key=key)  # stable: file name order within a kind
    return "".join(f"---\n# Source: {t}\n{c}\n" for t, _, c in manifests)


def split_docs(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def cmd_split(args):
    """Writes the core resources, the CRD-kind resources and the Prometheus rule groups."""
    docs = split_docs(args.file)
    core = [d for d in docs if "/" not in d["apiVersion"] or d["apiVersion"].split("/")[0].endswith(".k8s.io")
            or d["apiVersion"].split("/")[0] in ("apps", "autoscaling", "policy", "batch")]
    crds = [d for d in docs if d not in core]
    with open(args.core, "w", encoding="utf-8") as f:
        yaml.safe_dump_all(core, f, sort_keys=False)
    if args.crd_dir:
        os.makedirs(args.crd_dir, exist_ok=True)
        for d in crds:
            with open(os.path.join(args.crd_dir, f"{d['kind']}-{d['metadata']['name']}.yaml"), "w",
                      encoding="utf-8") as f:
                yaml.safe_dump(d, f, sort_keys=False)
    if args.rules:
        groups = [g for d in crds if d["kind"] == "PrometheusRule" for g in d["spec"]["groups"]]
        with open(args.rules, "w", encoding="utf-8") as f:
            yaml.safe_dump({"groups": groups}, f, sort_keys=False)
    print(f"{len(core)} core, {len(crds)} custom resources")


def main(argv):
    if argv and argv[0] == "merge":
        p = argparse.ArgumentParser(prog="render.py merge", description="values.yaml + -f files, as JSON")
        p.add_argument("chart")
        p.add_argument("-f", "--values", action="append", default=[])
        p.add_argument("-o", "--output", required=True)
        args = p.parse_args(argv[1:])
        with open(args.output, "w", encoding="utf-8") as f:
            json.dump(merged_values(args.chart, args.values), f, indent=2, sort_keys=True)
        return 0
    if argv and argv[0] == "split":
        p = argparse.ArgumentParser(prog="render.py split")
        p.add_argument("file")
        p.add_argument("--core", required=True)
        p.add_argument("--crd-dir")
        p.add_argument("--rules")
        cmd_split(p.parse_args(argv[1:]))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("chart")
    p.add_argument("--all", action="store_true", help="render every environment into --out")
    p.add_argument("--out", help="directory for --all (one ENV.yaml each)")
    p.add_argument("--values-out", help="directory for each environment's merged values (--all)")
    p.add_argument("-f", "--values", action="append", default=[])
    p.add_argument("--namespace", default="default")
    p.add_argument("--release", default=RELEASE)
    p.add_argument("-o", "--output")
    args = p.parse_args(argv)
    try:
        if args.all:
            if not args.out:
                p.error("--all needs --out")
            os.makedirs(args.out, exist_ok=True)
            for env, (vfile, ns) in ENVIRONMENTS.items():
                vpath = os.path.join(args.chart, vfile)
                text = render_chart(args.chart, [vpath], ns, args.release)
                with open(os.path.join(args.out, f"{env}.yaml"), "w", encoding="utf-8") as f:
                    f.write(text)
                if args.values_out:
                    os.makedirs(args.values_out, exist_ok=True)
                    with open(os.path.join(args.values_out, f"{env}.json"), "w", encoding="utf-8") as f:
                        json.dump(merged_values(args.chart, [vpath]), f, indent=2, sort_keys=True)
            return 0
        text = render_chart(args.chart, args.values, args.namespace, args.release)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
        return 0
    except TemplateError as e:
        print(f"render.py: Error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
