"""Delivery planning: for every recipient, whether, when and on which channel to notify."""

from __future__ import annotations

from dataclasses import dataclass

from sender.audience import Campaign, Recipient


@dataclass
class Delivery:
    recipient: str
    channel: str
    template: str
    locale: str
    local_hour: int
    deferred: bool


def in_quiet_hours(hour: int, start: int, end: int) -> bool:
    return hour >= start or hour < end if start > end else start <= hour < end


class DeliveryPlanner:
    def __init__(self, defaults_by_tenant: dict[str, dict[str, object]]):
        self._defaults = defaults_by_tenant
        self.suppressed = 0

    def effective_settings(self, tenant: str, recipient: Recipient) -> dict[str, object]:
        """The recipient's settings: the tenant defaults with the recipient's overrides."""
        return {**self._defaults[tenant], **recipient.overrides}

    def plan_one(self, campaign: Campaign, recipient: Recipient) -> Delivery | None:
        settings = self.effective_settings(campaign.tenant, recipient)
        category = campaign.category
        if not settings[f"{category}.enabled"]:
            self.suppressed += 1
            return None
        local_hour = (campaign.send_hour_utc + recipient.utc_offset) % 24
        channel = settings["channel"] if settings["channel"] != "push" else settings[f"{category}.channel"]
        return Delivery(
            recipient=recipient.id,
            channel=channel,
            template=settings[f"{category}.template"],
            locale=settings["locale"],
            local_hour=local_hour,
            deferred=in_quiet_hours(local_hour, settings["quiet_start"], settings["quiet_end"]),
        )

    def plan(self, campaign: Campaign) -> list[Delivery]:
        deliveries = []
        for recipient in campaign.recipients:
            delivery = self.plan_one(campaign, recipient)
            if delivery is not None:
                deliveries.append(delivery)
        return deliveries
