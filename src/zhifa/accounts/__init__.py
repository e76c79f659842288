"""Users, roles (三员分立), login with lockout, password policy and personal API tokens."""
