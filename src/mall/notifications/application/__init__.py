"""Use cases of Notifications: the policies (NATS), the query (REST) and the SMS dispatcher."""
