"""Section records: the shape the enrolment site, the timetable and the API all use."""

from datetime import datetime, timedelta


class SectionRepository:
    def __init__(self, term):
        self.rows, self.instructors, self.rooms = term

    def record(self, row):
        """Return the full record of one section."""
        instructor = self.instructors[row.instructor_id]
        room = self.rooms[row.room_id]
        start = datetime.combine(row.first_day, row.start)
        return {
            "id": row.section_id,
            "code": f"{row.dept} {row.number}{row.suffix}",
            "dept": row.dept,
            "level": row.number // 100 * 100,
            "title": row.title,
            "credits": row.credits,
            "instructor": {
                "id": instructor.instructor_id,
                "name": f"{instructor.given} {instructor.family}",
                "email": instructor.email,
                "office": instructor.office,
            },
            "room": {
                "id": room.room_id,
                "label": f"{room.building} {room.number}",
                "seats": room.seats,
                "accessible": room.accessible,
            },
            "schedule": {
                "days": list(row.days),
                "starts": start.strftime("%H:%M"),
                "ends": (start + timedelta(minutes=row.minutes)).strftime("%H:%M"),
                "first_day": row.first_day.isoformat(),
                "last_day": row.last_day.isoformat(),
            },
            "seats": {
                "capacity": row.capacity,
                "enrolled": row.enrolled,
                "free": max(0, row.capacity - row.enrolled),
                "waitlist": row.waitlist,
            },
            "notes": row.notes,
        }

    def all_sections(self):
        """Return the records of every section of the term."""
        records = []
        for row in self.rows:
            records.append(self.record(row))
        return records

