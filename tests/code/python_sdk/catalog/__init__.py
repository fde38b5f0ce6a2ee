"""A product catalogue service recorded with the real pyroscope-io SDK (see ``record.sh``)."""
