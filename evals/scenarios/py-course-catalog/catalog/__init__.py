"""Course search for the enrolment site."""
