"""`intellimall busywork`: simulated shoppers and administrators keeping a running IntelliMall
busy over its REST API, with a live and a final summary of what it saw."""
