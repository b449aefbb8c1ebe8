"""The subset of kustomize that deploy/k8s uses, to render its overlays without the binary.

No kustomize or kubectl can be installed from a package registry here, so the tests build the
overlays with this: `resources` (files and folders), `nameSuffix`, `labels` (with
`includeSelectors`) and `patches` (inline JSON 6902, applied before the name suffix, as
kustomize does). A field outside that subset fails the build instead of being ignored, so a
manifest can never use more of kustomize than the tests check.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Manifest = dict[str, Any]

KNOWN_FIELDS = {"apiVersion", "kind", "resources", "nameSuffix", "labels", "patches"}
KUSTOMIZATION_KIND = ("kustomize.config.k8s.io/v1beta1", "Kustomization")


class KustomizationError(Exception):
    pass


def build(folder: Path) -> list[Manifest]:
    """The manifests `kustomize build folder` prints, for the subset above."""
    spec = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unknown = set(spec) - KNOWN_FIELDS
    if unknown or (spec.get("apiVersion"), spec.get("kind")) != KUSTOMIZATION_KIND:
        raise KustomizationError(f"{folder}: {sorted(unknown) or 'not a Kustomization'}")
    manifests: list[Manifest] = []
    for resource in spec.get("resources", []):
        path = (folder / resource).resolve()
        if path.is_dir():
            manifests += build(path)
        else:
            manifests += [m for m in yaml.safe_load_all(path.read_text()) if m]
    for entry in spec.get("patches", []):
        _patch(manifests, entry)
    for manifest in manifests:
        manifest["metadata"]["name"] += spec.get("nameSuffix", "")
    for entry in spec.get("labels", []):
        for manifest in manifests:
            _label(manifest, entry["pairs"], entry.get("includeSelectors", False))
    return manifests


def _patch(manifests: list[Manifest], entry: dict[str, Any]) -> None:
    target = entry["target"]
    matching = [
        m
        for m in manifests
        if m["kind"] == target["kind"] and m["metadata"]["name"] == target["name"]
    ]
    if not matching:
        raise KustomizationError(f"patch target {target} matches nothing")
    for manifest in matching:
        for operation in yaml.safe_load(entry["patch"]):
            _apply(manifest, operation)


def _apply(manifest: Manifest, operation: dict[str, Any]) -> None:
    if operation["op"] not in ("add", "replace"):
        raise KustomizationError(f"JSON patch op {operation['op']!r}")
    *parents, last = [part for part in operation["path"].split("/")[1:]]
    node: Any = manifest
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        index = len(node) if last == "-" else int(last)
        if operation["op"] == "replace":
            node[index] = copy.deepcopy(operation["value"])
        else:
            node.insert(index, copy.deepcopy(operation["value"]))
    else:
        if operation["op"] == "replace" and last not in node:
            raise KustomizationError(f"replace of missing {operation['path']}")
        node[last] = copy.deepcopy(operation["value"])


def _label(manifest: Manifest, pairs: dict[str, str], selectors: bool) -> None:
    manifest["metadata"].setdefault("labels", {}).update(pairs)
    if not selectors:
        return
    spec = manifest.get("spec", {})
    if manifest["kind"] == "Service":
        spec.setdefault("selector", {}).update(pairs)
    elif "template" in spec:
        spec.setdefault("selector", {}).setdefault("matchLabels", {}).update(pairs)
        spec["template"].setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
