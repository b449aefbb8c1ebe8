"""`intellimall codegen`: specs/ (AsyncAPI 3 + OpenAPI 3.1) to committed Python code.

Outputs: `contracts/mall_contracts/<module>/{messages,http,subjects,ports}.py` and the adapter
bindings in `adapters/mall_adapters/{messaging,http}/generated/`.
"""
