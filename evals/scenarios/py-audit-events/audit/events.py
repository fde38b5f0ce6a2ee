"""Audit event records and synthetic back-office activity."""

import random
from dataclasses import asdict, dataclass, field


@dataclass
class AuditEvent:
    actor: str
    action: str
    target: str
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    context: dict = field(default_factory=dict)

    def as_dict(self):
        return asdict(self)


def activity(seed=29):
    rng = random.Random(seed)
    actions = ["user.update", "role.grant", "role.revoke", "setting.change", "record.export", "record.delete"]
    while True:
        settings = {f"opt_{n}": rng.randint(0, 9) for n in range(rng.randint(10, 30))}
        changed = dict(settings, **{f"opt_{rng.randint(0, 9)}": rng.randint(10, 99)})
        yield AuditEvent(
            actor=f"admin{rng.randint(1, 40)}@acme.example",
            action=rng.choice(actions),
            target=f"customer/{rng.randint(1, 10**6)}",
            before={"email": f"person{rng.randint(1, 10**6)}@mail.example", "phone": f"+49 30 {rng.randint(10**6, 10**7)}", "settings": settings},
            after={"email": f"person{rng.randint(1, 10**6)}@mail.example", "phone": f"+49 30 {rng.randint(10**6, 10**7)}", "settings": changed},
            context={"ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "session": f"s-{rng.getrandbits(64):016x}"},
        )
