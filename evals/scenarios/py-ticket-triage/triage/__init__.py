"""Support ticket triage: queue and priority for each incoming ticket."""
