"""The shared kernel: plain, synchronous building blocks every bounded context uses."""
