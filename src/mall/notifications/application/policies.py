"""`NotificationsPolicies`: keep the customers cache current, and record a notification for
every order event (the `SmsDispatcher` delivers it)."""

from __future__ import annotations

from mall.kernel.errors import NotFoundError
from mall.kernel.ports import Clock, IdGenerator
from mall.kernel.unit_of_work import UnitOfWork
from mall.notifications.application.delivery import SmsDispatcher
from mall.notifications.application.lookup import CustomerLookup
from mall.notifications.domain.notification import Kind, Notification, Status, compose
from mall.notifications.ports import CachedCustomer, CustomerCache, NotificationLog
from mall_contracts.customers import messages as customers
from mall_contracts.notifications.ports import NotificationsHandlers
from mall_contracts.ordering import messages as orders


class NotificationsPolicies(NotificationsHandlers):
    def __init__(
        self,
        uow: UnitOfWork,
        customers: CustomerCache,
        lookup: CustomerLookup,
        log: NotificationLog,
        dispatcher: SmsDispatcher,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._uow = uow
        self._customers = customers
        self._lookup = lookup
        self._log = log
        self._dispatcher = dispatcher
        self._clock = clock
        self._ids = ids

    async def on_customer_registered(self, message: customers.CustomerRegistered) -> None:
        customer = CachedCustomer(message.id, message.name, message.sms_number, message.version)
        await self._uow.run(lambda: self._customers.save(customer))

    async def on_customer_sms_changed(self, message: customers.CustomerSmsChanged) -> None:
        await self._uow.run(
            lambda: self._customers.change_sms(message.id, message.sms_number, message.version)
        )

    async def on_order_created(self, message: orders.OrderCreated) -> None:
        await self._notify(message.id, message.customer_id, Kind.ORDER_CREATED)

    async def on_order_readied(self, message: orders.OrderReadied) -> None:
        await self._notify(message.id, message.customer_id, Kind.ORDER_READY)

    async def on_order_canceled(self, message: orders.OrderCanceled) -> None:
        await self._notify(message.id, message.customer_id, Kind.ORDER_CANCELED)

    async def on_order_completed(self, message: orders.OrderCompleted) -> None:
        await self._notify(message.id, message.customer_id, Kind.ORDER_COMPLETED)

    async def _notify(self, order_id: str, customer_id: str, kind: Kind) -> None:
        """Look the customer up (outside the unit of work), then record the notification
        pending, with a fetched customer cached, in one unit of work. A customer that
        customers does not know either is recorded as a failed notification: no retry
        could reach them."""
        fetched: CachedCustomer | None = None
        try:
            located = await self._lookup.locate(customer_id)
        except NotFoundError as error:
            text = compose(kind, "", order_id)
            notification = self._new(order_id, customer_id, "", kind, text).failed(error.message)
        else:
            customer = located.customer
            fetched = customer if located.fetched else None
            text = compose(kind, customer.name, order_id)
            notification = self._new(order_id, customer_id, customer.sms_number, kind, text)

        async def record() -> bool:
            if fetched is not None:
                await self._customers.save(fetched)
            return await self._log.record(notification)

        if await self._uow.run(record) and notification.status is Status.PENDING:
            self._dispatcher.wake()

    def _new(
        self, order_id: str, customer_id: str, sms: str, kind: Kind, text: str
    ) -> Notification:
        return Notification(
            id=self._ids.new_id(),
            order_id=order_id,
            customer_id=customer_id,
            sms_number=sms,
            kind=kind,
            text=text,
            created_at=self._clock.now(),
        )
