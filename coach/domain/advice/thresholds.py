"""The pain-monitoring model's numbers and sources: the papers' thresholds and Coach's own.

Every rule of `coach.domain.advice` takes its numbers from here (the pain zones' limits
from `coach.domain.pain`), so that the Help page, the summary and the rules cannot
disagree. The `OWN_*` texts say, in the user's words,
which thresholds are Coach's own rather than a paper's.
"""

from __future__ import annotations

from coach.domain.pain import SAFE
from coach.domain.protocols import FLAT_FLOOR_ARTICLE
from coach.domain.visa_a import INSERTIONAL_CHANGE

ALFREDSON = (
    "Alfredson H et al. Am J Sports Med 1998;26(3):360-6 (weight added once the exercise "
    f"no longer hurts); {FLAT_FLOOR_ARTICLE}, gives the same rule, the weight in a backpack."
)
SEED_002 = (
    'Dr.Oracle, "What is the treatment for a calcified Achilles tendon?" (updated 25 Feb '
    "2026): see a clinician if there is no improvement after 6-8 weeks."
)

# Silbernagel 2007's pain-monitoring model (its zones: coach.domain.pain).
EARLY_WEEKS = 4  # morning soreness in the first 3-4 weeks is common (CLINICAL.md §2)
PAIN_CHANGE = 1.3  # the smallest change in 0-10 pain that matters (CLINICAL.md §2)
REVIEW_AFTER_WEEKS = 6  # seed 002: no better after 6-8 weeks, see a clinician
MAX_STIFFNESS = 24 * 60  # minutes: a whole day

# Coach's own thresholds: no paper sets these; each is on the cautious side.
NEARLY_PAIN_FREE = 1  # a set rated at most this counts as without pain
ADD_KG = 5.0  # the step of added weight
DAYS_AT_A_LOAD = 7  # a load is kept at least this long before the next step
RECENT_DAYS = 7  # after a longer break from the sessions, the load is not raised
WORSE_BY = 2  # morning pain this far above the usual is "worse than usual"
STIFFER_BY = 15  # minutes of morning stiffness above the usual that count as worse
USUAL_MORNINGS = 7  # the usual morning: the median of up to this many before today
FEW_MORNINGS = 3  # fewer earlier mornings than this: no usual to compare with
WEEK_MORNINGS = 3  # a week needs this many answered mornings to be compared
WEEKLY_PAIN_RISE = 0.5  # a week's mean morning pain this much above the last's is a rise
WEEKLY_STIFFNESS_RISE = 5.0  # minutes: the same for the mean morning stiffness
TREND_DAYS = 14  # "no improvement" compares the first and the latest 14 days
RESPONSE_DAYS = 3  # a morning check-in older than this says nothing of the last sessions
# A VISA-A fall that asks for a review: the smaller of the published changes that matter
# (7: 24 weeks midportion; 6.5 rounded up, insertional), whatever the pain site.
VISA_FALL = INSERTIONAL_CHANGE

OWN_24_HOURS = (
    f"Coach's own: worse than usual means {WORSE_BY} or more points of pain, or "
    f"{STIFFER_BY} or more minutes of stiffness, above the median of up to "
    f"{USUAL_MORNINGS} earlier mornings (at least {FEW_MORNINGS})."
)
OWN_BEST_WEEK = (
    f"Coach's own: clearly worse than your best week means a weekly mean morning pain "
    f"{PAIN_CHANGE:g} or more higher (the smallest change in pain that matters), or "
    f"{STIFFER_BY} or more minutes of stiffness (the pain only above the safe zone). It holds "
    f"the load rather than lowering it, so early soreness does not keep the load down for "
    f"good; after week {EARLY_WEEKS}, two such weeks in a row ask for a clinician and a "
    "return to the best week's load: Coach's own rule."
)
OWN_VISA_FALL = (
    f"Coach's own use of the published figures: a fall of {VISA_FALL} points, the smaller "
    "change found to matter, from your best score asks for a review at any time."
)
OWN_WEEKLY = (
    f"Coach's own: a rise is a weekly mean {WEEKLY_PAIN_RISE:g} point or more higher in "
    f"pain, or {WEEKLY_STIFFNESS_RISE:g} minutes or more longer in stiffness, over weeks "
    f"with at least {WEEK_MORNINGS} morning check-ins."
)
OWN_ADD_LOAD = (
    f"Coach's own: 'without pain' is every set rated 0-{NEARLY_PAIN_FREE} in two whole "
    f"sessions at the same load; a step is about {ADD_KG:g} kg; a load is kept at least "
    f"{DAYS_AT_A_LOAD} days; there must be a session in the last {RECENT_DAYS} days, "
    f"{WEEK_MORNINGS} morning check-ins in each of the last two weeks, and a morning "
    f"check-in after the sessions in the safe zone (0-{SAFE}) and no worse than usual."
)
OWN_REVIEW = (
    f"Coach's own: improvement is morning pain down by {PAIN_CHANGE:g} or more (the "
    f"first {TREND_DAYS} days against the latest {TREND_DAYS}), or a VISA-A rise of at "
    "least the change that matters."
)
