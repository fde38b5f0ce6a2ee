"""locker-link: parcel-locker controller gateway."""
