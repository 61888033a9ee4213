"""First names with a clear gender, read as lexicon.MALE_NAMES and lexicon.FEMALE_NAMES."""
from __future__ import annotations

# A few hundred frequent first names with a clear gender: a prior when choosing who a pronoun
# refers to, which what the text says overrules; never the gender the service reports.
MALE_NAMES = frozenset("""
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan
henry douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl
terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny
mike bill bernie ted chris tom jim bob barack mitt newt rand marco jeb ben lindsey mitch chuck
vladimir xi boris emmanuel narendra recep josh jamieson li will
""".split())
FEMALE_NAMES = frozenset("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy
sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori hillary kellyanne huma nikki
kamala condoleezza madeleine carly ivanka melania chelsea michele
""".split())
