#!/usr/bin/env python3
"""Structural check of Terraform configurations without `terraform validate`.

`terraform validate` needs the providers, and the AWS provider cannot be installed offline. This
script checks what validate would catch most often, against the AWS provider's schema taken from
CDKTF's prebuilt bindings (PyPI `cdktf-cdktf-provider-aws`, which describe every resource and
data source of one provider release in TypeScript declarations):

- every `resource` / `data` type exists in the provider, and `provider "aws"` blocks use known
  settings;
- every argument and nested block is known (recursively, `dynamic` blocks included) and every
  required argument or block is given;
- every `module` call with a local source passes only variables the module declares, and every
  variable without a default;
- every `var.X`, `local.X`, `module.M.OUTPUT`, `aws_T.NAME` and `data.aws_T.NAME` reference
  points at something declared in the same module, and the attribute read after a resource or
  data source reference exists in the schema.

It does not check types or values (that needs the provider): `checkov` and the AWS API remain
the judges of those.

Usage:
  schema_check.py extract WHEEL OUT.json   write the schema of the bindings in WHEEL to OUT.json
  schema_check.py check SCHEMA.json DIR... check every module (folder of .tf files) under DIRs

Runs with any Python 3.9+ that has `hcl2` (python-hcl2 or bc-python-hcl2, e.g. checkov's venv).
Exit status: 0 clean, 1 findings (one `file:line: message` each), 2 usage or parse errors.
"""

import io
import json
import os
import re
import sys
import tarfile
import zipfile

META_ARGS = {"count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"}
MODULE_META_ARGS = {"source", "version", "count", "for_each", "providers", "depends_on"}
LINE_KEYS = {"__start_line__", "__end_line__"}


# --- extraction ------------------------------------------------------------------------------

CLASS_RE = re.compile(
    r"export declare class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{\s*"
    r'static readonly tfResourceType = "(\w+)";(.*?)\n\}\n',
    re.S,
)
CONFIG_RE = re.compile(r"constructor\(scope: Construct, id: string, config\??: (\w+)\)")
INTERFACE_RE = re.compile(r"export interface (\w+)(?: extends [^{]*)? \{\n(.*?)\n\}\n", re.S)
CLASS_ANY_RE = re.compile(r"export declare class (\w+) extends [\w.]+ \{\n(.*?)\n\}\n", re.S)
ANCHOR_RE = re.compile(r"#(\w+) \w+#\w+\}")
PROP_RE = re.compile(r"^\s*readonly (\w+)(\?)?: (.*)$")
GETTER_RE = re.compile(r"^\s*get (\w+)\(\)", re.M)


def parse_declarations(text):
    """One index.d.ts: {kind: {type: {"args": {...}, "getters": [...]}}}, structs inlined."""
    interfaces = {}
    for name, body in INTERFACE_RE.findall(text):
        props, anchor = {}, None
        for line in body.split("\n"):
            found = ANCHOR_RE.search(line)
            if found:
                anchor = found.group(1)
                continue
            prop = PROP_RE.match(line)
            if prop and anchor:
                camel, optional, type_text = prop.groups()
                props[anchor] = {"required": optional is None, "type": type_text}
                anchor = None
        interfaces[name] = props
    getters_by_class = {name: GETTER_RE.findall(body) for name, body in CLASS_ANY_RE.findall(text)}

    def struct(name, seen):
        out = {}
        for arg, prop in interfaces.get(name, {}).items():
            nested = [t for t in re.findall(r"\b([A-Z]\w+)\b", prop["type"]) if t in interfaces]
            entry = {"r": 1} if prop["required"] else {}
            if nested and nested[0] not in seen:
                entry["b"] = struct(nested[0], seen | {nested[0]})
            out[arg] = entry
        return out

    result = {}
    for cls, base, tf_type, body in CLASS_RE.findall(text):
        config = CONFIG_RE.search(body)
        if not config:
            continue
        kind = {"TerraformResource": "resource", "TerraformDataSource": "data"}.get(base, "provider")
        getters = set(getters_by_class.get(cls, []))
        result.setdefault(kind, {})[tf_type] = {
            "args": struct(config.group(1), {config.group(1)}),
            "getters": sorted(g for g in getters if not g.endswith("Input")),
        }
    return result


def extract(wheel, out):
    schema = {"version": None, "provider": {}, "resource": {}, "data": {}}
    with zipfile.ZipFile(wheel) as whl:
        inner = [n for n in whl.namelist() if n.endswith(".jsii.tgz")]
        if len(inner) != 1:
            sys.exit(f"schema_check: {wheel}: expected one .jsii.tgz, found {len(inner)}")
        with tarfile.open(fileobj=io.BytesIO(whl.read(inner[0])), mode="r:gz") as tgz:
            for member in tgz:
                if member.name == "package/README.md":
                    readme = tgz.extractfile(member).read().decode()
                    version = re.search(r"hashicorp/aws provider version ([0-9.]+)", readme)
                    schema["version"] = version.group(1) if version else None
                if not member.name.endswith("/index.d.ts") or "/lib/" not in member.name:
                    continue
                text = tgz.extractfile(member).read().decode()
                for kind, types in parse_declarations(text).items():
                    schema[kind].update(types)
    if not schema["resource"] or "aws" not in schema["provider"]:
        sys.exit(f"schema_check: {wheel}: no resource types or no provider configuration found")
    with open(out, "w") as f:
        json.dump(schema, f, separators=(",", ":"), sort_keys=True)
    print(f"schema_check: hashicorp/aws {schema['version']}: {len(schema['resource'])} resources, "
          f"{len(schema['data'])} data sources")


# --- checking --------------------------------------------------------------------------------

def camel(snake):
    head, *rest = snake.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


class Module:
    def __init__(self, path):
        self.path = path
        self.files = {}  # file name -> parsed dict
        self.variables, self.required_variables = set(), set()
        self.locals, self.outputs, self.calls = set(), set(), {}
        self.resources, self.datas = set(), set()


def load_module(path, hcl2, problems):
    module = Module(path)
    for name in sorted(os.listdir(path)):
        if not name.endswith(".tf"):
            continue
        file = os.path.join(path, name)
        try:
            with open(file) as f:
                doc = hcl2.load(f)
        except Exception as err:  # the parser's own exception types differ between forks
            problems.append(f"{file}: does not parse: {str(err).splitlines()[0]}")
            continue
        module.files[file] = doc
        for block in doc.get("variable", []):
            for var, body in block.items():
                module.variables.add(var)
                if "default" not in body:
                    module.required_variables.add(var)
        for block in doc.get("locals", []):
            module.locals.update(k for k in block if k not in LINE_KEYS)
        for block in doc.get("output", []):
            module.outputs.update(block)
        for block in doc.get("module", []):
            for call, body in block.items():
                module.calls[call] = (file, body)
        for block in doc.get("resource", []):
            for tf_type, named in block.items():
                module.resources.update((tf_type, n) for n in named)
        for block in doc.get("data", []):
            for tf_type, named in block.items():
                module.datas.update((tf_type, n) for n in named)
    return module


def check_args(where, body, args, problems, top):
    """Arguments and nested blocks of one block against its schema."""
    given = set()
    for key, value in body.items():
        if key in LINE_KEYS or (top and key in META_ARGS):
            continue
        if key == "dynamic":
            for dyn in value:
                for block_name, dyn_body in dyn.items():
                    given.add(block_name)
                    if block_name not in args:
                        problems.append(f"{where}: unknown dynamic block `{block_name}`")
                        continue
                    for content in dyn_body.get("content", []):
                        check_args(f"{where} > {block_name}", content, args[block_name].get("b", {}), problems, False)
            continue
        given.add(key)
        if key not in args:
            problems.append(f"{where}: unknown argument or block `{key}`")
            continue
        nested = args[key].get("b")
        if nested is not None and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    check_args(f"{where} > {key}", item, nested, problems, False)
    for arg, spec in sorted(args.items()):
        if spec.get("r") and arg not in given:
            problems.append(f"{where}: required argument or block `{arg}` missing")


REF_VAR = re.compile(r"(?<![\w.])var\.([A-Za-z_][\w-]*)")
REF_LOCAL = re.compile(r"(?<![\w.])local\.([A-Za-z_][\w-]*)")
REF_MODULE = re.compile(r"(?<![\w.])module\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][\w-]*))?")
REF_RESOURCE = re.compile(r"(?<![\w.])(aws_[a-z0-9_]+)\.([A-Za-z_][\w-]*)((?:\[[^\]]*\])*)(?:\.([a-z_][a-z0-9_]*))?")
REF_DATA = re.compile(r"(?<![\w.])data\.(aws_[a-z0-9_]+)\.([A-Za-z_][\w-]*)((?:\[[^\]]*\])*)(?:\.([a-z_][a-z0-9_]*))?")


def check_references(module, modules, schema, problems):
    def walk(file, value, line):
        if isinstance(value, dict):
            line = value.get("__start_line__", line)
            for k, v in value.items():
                if k not in LINE_KEYS:
                    walk(file, v, line)
        elif isinstance(value, list):
            for v in value:
                walk(file, v, line)
        elif isinstance(value, str):
            check_text(f"{file}:{line}", value, module, modules, schema, problems)

    for file, doc in module.files.items():
        walk(file, doc, "?")


def check_text(where, text, module, modules, schema, problems):
    for name in REF_VAR.findall(text):
        if name not in module.variables:
            problems.append(f"{where}: `var.{name}` is not declared")
    for name in REF_LOCAL.findall(text):
        if name not in module.locals:
            problems.append(f"{where}: `local.{name}` is not declared")
    for call, output in REF_MODULE.findall(text):
        if call not in module.calls:
            problems.append(f"{where}: `module.{call}` is not declared")
            continue
        target = modules.get(module_source(module, call))
        if output and target is not None and output not in target.outputs:
            problems.append(f"{where}: module `{call}` has no output `{output}`")
    for tf_type, name, _index, attr in REF_DATA.findall(text):
        check_resource_ref(where, "data", tf_type, name, attr, module.datas, schema, problems)
    for tf_type, name, _index, attr in REF_RESOURCE.findall(re.sub(r"(?<![\w.])data\.aws_[a-z0-9_]+", "", text)):
        check_resource_ref(where, "resource", tf_type, name, attr, module.resources, schema, problems)


def check_resource_ref(where, kind, tf_type, name, attr, declared, schema, problems):
    prefix = "data." if kind == "data" else ""
    if (tf_type, name) not in declared:
        problems.append(f"{where}: `{prefix}{tf_type}.{name}` is not declared in this module")
        return
    spec = schema[kind].get(tf_type)
    if spec and attr and camel(attr) not in spec["getters"] and attr not in spec["args"]:
        problems.append(f"{where}: `{prefix}{tf_type}.{name}` has no attribute `{attr}`")


def module_source(module, call):
    file, body = module.calls[call]
    source = body.get("source", [None])[0]
    if isinstance(source, str) and source.startswith("."):
        return os.path.normpath(os.path.join(module.path, source))
    return None


def check(schema_file, roots, hcl2):
    with open(schema_file) as f:
        schema = json.load(f)
    problems, dirs = [], []
    for root in roots:
        for path, subdirs, files in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            if any(f.endswith(".tf") for f in files):
                dirs.append(os.path.normpath(path))
    modules = {d: load_module(d, hcl2, problems) for d in dirs}
    blocks = 0
    for module in modules.values():
        for file, doc in module.files.items():
            for kind in ("resource", "data"):
                for block in doc.get(kind, []):
                    for tf_type, named in block.items():
                        for name, body in named.items():
                            blocks += 1
                            where = f"{file}:{body.get('__start_line__', '?')}: {kind} {tf_type}.{name}"
                            if not tf_type.startswith("aws_"):
                                problems.append(f"{where}: provider of `{tf_type}` not known to this check")
                            elif tf_type not in schema[kind]:
                                problems.append(f"{where}: hashicorp/aws {schema['version']} has no {kind} type `{tf_type}`")
                            else:
                                check_args(where, body, schema[kind][tf_type]["args"], problems, True)
            for block in doc.get("provider", []):
                for name, body in block.items():
                    blocks += 1
                    where = f"{file}:{body.get('__start_line__', '?')}: provider {name}"
                    if name not in schema["provider"]:
                        problems.append(f"{where}: provider `{name}` not known to this check")
                        continue
                    config = {k: v for k, v in body.items() if k != "alias"}
                    check_args(where, config, schema["provider"][name]["args"], problems, False)
            for block in doc.get("module", []):
                for call, body in block.items():
                    blocks += 1
                    where = f"{file}:{body.get('__start_line__', '?')}: module {call}"
                    source = module_source(module, call)
                    if source is None:
                        continue
                    target = modules.get(source) or (load_module(source, hcl2, problems) if os.path.isdir(source) else None)
                    if target is None or not target.files:
                        problems.append(f"{where}: source {source} holds no module")
                        continue
                    modules.setdefault(source, target)
                    given = {k for k in body if k not in LINE_KEYS and k not in MODULE_META_ARGS}
                    for unknown in sorted(given - target.variables):
                        problems.append(f"{where}: module has no variable `{unknown}`")
                    for missing in sorted(target.required_variables - given):
                        problems.append(f"{where}: required variable `{missing}` not given")
        check_references(module, modules, schema, problems)
    for problem in problems:
        print(problem)
    status = "FAILED" if problems else "ok"
    print(f"schema_check: {status}: {len(modules)} modules, {blocks} provider/resource/data/module blocks, "
          f"{len(problems)} problems (hashicorp/aws {schema['version']})")
    return 1 if problems else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "extract":
        extract(argv[2], argv[3])
        return 0
    if len(argv) >= 4 and argv[1] == "check":
        import hcl2
        return check(argv[2], argv[3:], hcl2)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
