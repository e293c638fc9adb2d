#!/usr/bin/env python3
"""Validate relgraph YAML files against relgraph's JSON Schema.

    validate_schema.py SCHEMA.json FILE.yaml...
    validate_schema.py --unused-keys SCHEMA.json FILE.yaml...
    validate_schema.py --enum SCHEMA.json JSON-POINTER

Prints one line per file, "valid<TAB>FILE" or "invalid<TAB>FILE<TAB>WHY",
and exits 0 when every file is valid, 1 when one is not, 2 when the schema
itself is not a valid draft 2020-12 schema or a module is missing.

--unused-keys prints, one a line, each key that the schema describes (the
names under every "properties") and that no FILE uses, and exits 1 if
there is one. --enum prints the "enum" at JSON-POINTER (such as
/$defs/color/anyOf/0), one value a line.

The YAML is read the way relgraph reads it, with the YAML 1.2 core schema
(PyYAML alone is YAML 1.1): only true/false are booleans (not yes/no/on),
dates stay strings (no timestamps), 0o17 is octal and 017 decimal, and
mapping keys are their text as written (an actor id 1984 is "1984").
"""
import json
import re
import sys

try:
    import yaml
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError as e:  # pragma: no cover - reported to the test
    print("validate_schema.py: %s (install python3-yaml and "
          "python3-jsonschema)" % e, file=sys.stderr)
    sys.exit(2)


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$",
         ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$",
         list("tTfF")),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
         list("-+0123456789")),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
         list("-+.0123456789")),
        ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"])]:
    CoreLoader.add_implicit_resolver(tag, re.compile(regexp), first)


def construct_core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def construct_text_keys(loader, node, deep=False):
    """Mapping keys as written: relgraph reads every key as text."""
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(
            None, None, "expected a mapping", node.start_mark)
    loader.flatten_mapping(node)
    mapping = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a scalar",
                key_node.start_mark)
        mapping[key_node.value] = loader.construct_object(value_node, deep=deep)
    return mapping


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_core_int)
CoreLoader.construct_mapping = construct_text_keys


def explain(error):
    """The most specific reason inside anyOf/oneOf, as "/path: message"."""
    while error.context:
        error = best_match(error.context)
    path = "/".join(str(p) for p in error.absolute_path)
    return "/%s: %s" % (path, " ".join(error.message.split()))


def load(name):
    with open(name, encoding="utf-8") as f:
        return yaml.load(f, Loader=CoreLoader)


def described_keys(schema, found):
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            described_keys(value, found)
    elif isinstance(schema, list):
        for value in schema:
            described_keys(value, found)
    return found


def used_keys(data, found):
    if isinstance(data, dict):
        found.update(data)
        for value in data.values():
            used_keys(value, found)
    elif isinstance(data, list):
        for value in data:
            used_keys(value, found)
    return found


def main(argv):
    if len(argv) >= 4 and argv[1] == "--enum":
        with open(argv[2], encoding="utf-8") as f:
            node = json.load(f)
        for part in argv[3].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        for value in node["enum"]:
            print(value)
        return 0
    if len(argv) >= 4 and argv[1] == "--unused-keys":
        with open(argv[2], encoding="utf-8") as f:
            schema = json.load(f)
        used = set()
        for name in argv[3:]:
            used_keys(load(name), used)
        unused = sorted(described_keys(schema, set()) - used)
        for key in unused:
            print(key)
        return 1 if unused else 0
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as e:  # jsonschema.SchemaError
        print("validate_schema.py: %s is not a valid schema: %s"
              % (argv[1], e), file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema)
    status = 0
    for name in argv[2:]:
        try:
            data = load(name)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            why = " ".join(str(e).split())
            print("invalid\t%s\tYAML: %s" % (name, why))
            status = 1
            continue
        errors = sorted(validator.iter_errors(data),
                        key=lambda e: list(map(str, e.absolute_path)))
        if errors:
            why = "; ".join(explain(e) for e in errors[:3])
            print("invalid\t%s\t%s" % (name, why))
            status = 1
        else:
            print("valid\t%s" % name)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
