"""OpenAPI 3.1 documents to a model of REST operations per module."""

from __future__ import annotations

from dataclasses import dataclass, field

from mall_adapters.codegen.bounds import STRING_BOUNDS, read_bounds
from mall_adapters.codegen.loader import Node, SpecError, SpecSet, module_of
from mall_adapters.codegen.schemas import SchemaReader, StructRef, snake

METHODS = ("get", "put", "post", "delete", "patch")
JSON = "application/json"
CORE = "the module's core"
IDEMPOTENCY_KEY = "Idempotency-Key"
"""The one header parameter the generator understands: the mechanism behind it is built
into the routes (`mall_adapters.http.idempotency`)."""


@dataclass(frozen=True)
class PathParam:
    wire_name: str
    py_name: str
    max_length: int | None  # an id longer than this names nothing


@dataclass(frozen=True)
class QueryParam:
    """A required string query parameter, bounded by length (`?customerId=...`)."""

    wire_name: str
    py_name: str
    max_length: int


@dataclass(frozen=True)
class HttpOperation:
    operation_id: str
    method: str
    path: str  # as in the spec: /api/stores/{storeId}/products
    summary: str
    params: tuple[PathParam, ...]
    body: StructRef | None  # None when there is no body or it is the empty object
    response: StructRef
    idempotency_key: tuple[int, int] | None = None  # (min, max) length, when accepted
    query: tuple[QueryParam, ...] = ()

    @property
    def py_name(self) -> str:
        return snake(self.operation_id)

    @property
    def arguments(self) -> tuple[str, ...]:
        """The string arguments of the operation: path parameters, then query parameters."""
        return tuple(p.py_name for p in self.params) + tuple(q.py_name for q in self.query)

    @property
    def route(self) -> str:
        """The path in Litestar syntax: `/api/stores/{store_id:str}/products`."""
        route = self.path
        for p in self.params:
            route = route.replace("{" + p.wire_name + "}", "{" + p.py_name + ":str}")
        return route


@dataclass
class HttpModule:
    module: str
    file: str
    title: str
    implemented_by: str  # who implements the port, from `info.x-implemented-by`
    operations: list[HttpOperation] = field(default_factory=list)

    @property
    def implemented_by_core(self) -> bool:
        return self.implemented_by == CORE


class OpenApiReader:
    def __init__(self, specs: SpecSet, schemas: SchemaReader) -> None:
        self.specs = specs
        self.schemas = schemas

    def read(self) -> list[HttpModule]:
        return [self._module(f) for f in self.specs.files("openapi")]

    def _module(self, file: str) -> HttpModule:
        doc = self.specs.document(file)
        if not str(doc.need("openapi").value).startswith("3.1"):
            raise SpecError(doc.at.child("openapi"), "only OpenAPI 3.1 is supported")
        info = doc.need("info")
        implementer = info.get("x-implemented-by")
        mod = HttpModule(
            module_of(file),
            file,
            info.need("title").text(),
            implementer.text() if implementer else CORE,
        )
        components = doc.get("components")
        schemas = components.get("schemas") if components else None
        for _key, node in schemas.items() if schemas else []:
            self.schemas.struct(Node({"$ref": f"#{node.at.pointer}"}, node.at))
        for path, item in doc.need("paths").items():
            shared = item.get("parameters")
            for method, op in item.items():
                if method == "parameters":
                    continue
                if method not in METHODS:
                    raise SpecError(op.at, f"unsupported path item key {method!r}")
                mod.operations.append(self._operation(path, method, op, shared))
        return mod

    def _operation(self, path: str, method: str, op: Node, shared: Node | None) -> HttpOperation:
        params = [*(shared.elements() if shared else []), *self._list(op.get("parameters"))]
        path_params: list[PathParam] = []
        query_params: list[QueryParam] = []
        idempotency_key = None
        for raw in params:
            param = self.specs.resolve(raw)
            where, name = param.need("in").text(), param.need("name").text()
            if where == "header" and name == IDEMPOTENCY_KEY:
                idempotency_key = _key_lengths(param)
                continue
            if where == "query":
                query_params.append(_query_param(param, name))
                continue
            if where != "path":
                raise SpecError(
                    param.at,
                    f"only path and query parameters and the {IDEMPOTENCY_KEY} header"
                    " are supported",
                )
            path_params.append(PathParam(name, snake(name), _max_length(param.need("schema"))))
        for p in path_params:
            if "{" + p.wire_name + "}" not in path:
                raise SpecError(op.at, f"path parameter {p.wire_name!r} is not in {path}")
        summary = op.get("summary")
        return HttpOperation(
            operation_id=op.need("operationId").text(),
            method=method,
            path=path,
            summary=summary.text() if summary else "",
            params=tuple(path_params),
            body=self._body(op),
            response=self._response(op),
            idempotency_key=idempotency_key,
            query=tuple(query_params),
        )

    @staticmethod
    def _list(node: Node | None) -> list[Node]:
        return node.elements() if node else []

    def _body(self, op: Node) -> StructRef | None:
        body = op.get("requestBody")
        if body is None:
            return None
        schema = self.specs.resolve(body).need("content").need(JSON).need("schema")
        ref = self.schemas.struct(schema)
        return ref if self.schemas.structs[ref].fields else None

    def _response(self, op: Node) -> StructRef:
        ok = self.specs.resolve(op.need("responses").need("200"))
        return self.schemas.struct(ok.need("content").need(JSON).need("schema"))


def _max_length(schema: Node) -> int | None:
    """A path parameter is a string, bounded by length only."""
    if not isinstance(schema.value, dict) or schema.value.get("type") != "string":
        raise SpecError(schema.at, "path parameters must be strings")
    extra = set(schema.value) - {"type", *STRING_BOUNDS}
    if extra:
        raise SpecError(schema.at.child(sorted(extra)[0]), "unsupported path parameter keyword")
    bound = read_bounds(schema, "string", None).get("max_length")
    return None if bound is None else int(bound)


def _query_param(param: Node, name: str) -> QueryParam:
    """A query parameter: a required string with a `maxLength` (and nothing else)."""
    if not param.value.get("required", False):
        raise SpecError(param.at, "query parameters must be required")
    schema = param.need("schema")
    if not isinstance(schema.value, dict) or schema.value.get("type") != "string":
        raise SpecError(schema.at, "query parameters must be strings")
    extra = set(schema.value) - {"type", "maxLength"}
    if extra:
        raise SpecError(schema.at.child(sorted(extra)[0]), "unsupported query parameter keyword")
    bound = read_bounds(schema, "string", None).get("max_length")
    if bound is None:
        raise SpecError(schema.at, "query parameters need a maxLength")
    return QueryParam(name, snake(name), int(bound))


def _key_lengths(param: Node) -> tuple[int, int]:
    """The optional `Idempotency-Key` header: a string with both length bounds."""
    if param.value.get("required", False):
        raise SpecError(param.at.child("required"), f"{IDEMPOTENCY_KEY} must be optional")
    schema = param.need("schema")
    if not isinstance(schema.value, dict) or schema.value.get("type") != "string":
        raise SpecError(schema.at, f"the {IDEMPOTENCY_KEY} header must be a string")
    bounds = read_bounds(schema, "string", None)
    if "min_length" not in bounds or "max_length" not in bounds:
        raise SpecError(schema.at, f"the {IDEMPOTENCY_KEY} header needs minLength and maxLength")
    return int(bounds["min_length"]), int(bounds["max_length"])
