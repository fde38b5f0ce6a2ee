"""GET /sections?dept=CS&level=300&day=tue&open_only=1"""

PAGE_SIZE = 25


class SearchEndpoint:
    def __init__(self, repository):
        self.repository = repository

    def get(self, query):
        dept = query.get("dept")
        level = int(query["level"]) if "level" in query else None
        day = query.get("day")
        open_only = query.get("open_only") == "1"
        matches = []
        for section in self.repository.all_sections():
            if section["dept"] != dept:
                continue
            if level is not None and section["level"] != level:
                continue
            if day is not None and day not in section["schedule"]["days"]:
                continue
            if open_only and section["seats"]["free"] == 0:
                continue
            matches.append(section)
        matches.sort(key=lambda s: (s["code"], s["id"]))
        return {
            "total": len(matches),
            "results": [
                {"code": s["code"], "title": s["title"], "free": s["seats"]["free"]}
                for s in matches[:PAGE_SIZE]
            ],
        }
