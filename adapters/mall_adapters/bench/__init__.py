"""`intellimall bench`: figures measured against a running IntelliMall, side by side with a
bare baseline in the same run (only ratios travel between machines)."""
