"""IntelliMall adapters: everything that touches I/O or a framework, and the composition root."""
