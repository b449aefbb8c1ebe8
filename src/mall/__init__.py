"""IntelliMall domain cores: the shared kernel and one package per bounded context."""
