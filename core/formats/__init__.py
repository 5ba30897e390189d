"""Date, time and number formats per interface language (settings.FORMAT_MODULE_PATH).

Day–month–year and a 24-hour clock everywhere (the zone follows every time, so "17:00 PKT"
cannot be misread); month names come from Django's catalogues. Hindi, Bengali, Nepali and
Urdu readers group digits in lakhs and crores (12,34,567); Sinhala and Tamil readers, mostly
in Sri Lanka here, and English readers in thousands.
"""
