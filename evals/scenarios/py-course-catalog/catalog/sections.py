"""The term's course sections, as the registrar's export describes them."""

import random
from collections import namedtuple
from datetime import date, time, timedelta

DEPARTMENTS = ("BIO", "CHEM", "CS", "ECON", "ENG", "HIST", "MATH", "MUS", "PHIL", "PHYS", "PSY", "SOC")
TOPICS = ("Foundations of", "Topics in", "Advanced", "Seminar in", "Methods of", "Introduction to",
          "Research in", "History of", "Applied", "Theory of")
SUBJECTS = ("Systems", "Structures", "Analysis", "Design", "Modelling", "Ethics", "Practice",
            "Data", "Networks", "Culture", "Markets", "Evolution", "Computation", "Language")
BUILDINGS = ("Hall A", "Hall B", "Science Centre", "Library Annex", "Old Main", "Arts Block")

Section = namedtuple(
    "Section",
    "section_id dept number suffix title credits instructor_id room_id days start minutes "
    "capacity enrolled waitlist first_day last_day notes",
)
Instructor = namedtuple("Instructor", "instructor_id given family email office")
Room = namedtuple("Room", "room_id building number seats accessible")


def build_term(seed=11, sections=9000):
    """Return (sections, instructors by id, rooms by id) for one term."""
    rng = random.Random(seed)
    instructors = {}
    for i in range(900):
        given, family = rng.choice(("Ada", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana")), f"Family{i:03d}"
        instructors[i] = Instructor(i, given, family, f"{given.lower()}.{family.lower()}@uni.example", f"{rng.choice(BUILDINGS)} {rng.randint(100, 499)}")
    rooms = {}
    for i in range(400):
        rooms[i] = Room(i, rng.choice(BUILDINGS), rng.randint(1, 450), rng.choice((24, 40, 60, 120, 250)), rng.random() < 0.8)
    first_day = date(2026, 9, 7)
    rows = []
    for i in range(sections):
        dept = rng.choice(DEPARTMENTS)
        level = rng.choice((100, 200, 300, 400))
        capacity = rng.choice((24, 40, 60, 120))
        rows.append(Section(
            section_id=f"S{i:05d}",
            dept=dept,
            number=level + rng.randint(0, 99),
            suffix=rng.choice(("A", "B", "C", "L")),
            title=f"{rng.choice(TOPICS)} {rng.choice(SUBJECTS)}",
            credits=rng.choice((2, 3, 4, 5)),
            instructor_id=rng.randrange(900),
            room_id=rng.randrange(400),
            days=tuple(sorted(rng.sample(("mon", "tue", "wed", "thu", "fri"), rng.randint(1, 3)))),
            start=time(rng.randint(8, 18), rng.choice((0, 15, 30))),
            minutes=rng.choice((50, 75, 90, 110)),
            capacity=capacity,
            enrolled=rng.randint(0, capacity),
            waitlist=rng.randint(0, 12),
            first_day=first_day,
            last_day=first_day + timedelta(weeks=14),
            notes="" if rng.random() < 0.7 else "Requires instructor permission.",
        ))
    return rows, instructors, rooms
