"""Starting the real servers without Docker: embedded PostgreSQL and NATS JetStream."""
