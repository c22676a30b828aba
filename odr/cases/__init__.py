"""Cases: intake, invitation of the respondent, joining, and each party's list of cases."""
