"""Rules for reported speech as a clause: "X said (that) …", "…, X said, …", "as X noted, …"
("according to X, …" is in according.py).

Each rule reads the whole document and returns ``Reported`` content (token ranges) with its
cue and speaker head, in the order found.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.docindex import SENTENCE_END, DocIndex
from quotes_service.extract.rules.base import (
    FINITE_TAGS, OBJECT_DEPS, SECOND_REPORTS, SUBJECT_DEPS, Reported, before_coordinated_report, first_word,
    is_reporting, negated, noun_after, set_off_subject, speaker_head, subject_of, trim_punct, valid_speaker,
)
from quotes_service.extract.rules.headline import headline_report


def reporting_verbs(index: DocIndex) -> list[Token]:
    """The verbs that may report a clause, outside quote marks; found once per document, as five
    rules ask for them."""
    found = index.memo.get("reporting verbs")
    if found is None:
        found = index.memo["reporting verbs"] = [verb for verb in index.verbs if not index.in_quote(verb) and (
            is_reporting(verb, lx.INDIRECT_VERBS) or _asks_a_question(verb) or _withholds(verb))]
    return found


def _asks_a_question(verb: Token) -> bool:
    """"He asked if they planned to attend", "asked whether …", "asked who leads the party": a
    question reported as a clause (not "asked that …", a request, nor "asked to speak")."""
    if lemma(verb) not in _ASK:
        return False
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return False   # "when asked whether …": the asker is not the sentence's subject
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return False   # "she was asked whether …": nor the one asked
    question = _question_clause(verb)
    if question is None or not is_reporting(verb, _ASK):
        return False
    # "asked workers if they planned to attend": whom the question was put to stands between the
    # verb and the question, which is what was asked; not an object that is what was asked
    # ("asked the question whether …", "asked something of …").
    return all(c.dep_ not in ("dobj", "dative") or _addressee(c, question) for c in verb.children)


def _addressee(obj: Token, question: Token) -> bool:
    """An object that names whom a question was asked: a person's name, a pronoun or a plural of
    people, right before the question."""
    return obj.right_edge.i + 1 == question.left_edge.i and (
        obj.ent_type_ == "PERSON" or obj.lower_ in lx.OBJECT_PRONOUNS or obj.tag_ == "NNS")


_ASK = frozenset({"ask", "question"})


def _withholds(verb: Token) -> bool:
    """"He isn't saying what other methods he would back", "it does not explain why they …": a
    question left unanswered is reported as the answered one is (not "did not say that …", which
    reports nothing said)."""
    return verb.pos_ in ("VERB", "AUX") and negated(verb) and lemma(verb) in lx.INDIRECT_VERBS \
        and _question_clause(verb) is not None


def _question_clause(verb: Token) -> Token | None:
    """The clause after ``verb`` that opens with a question word ("whether …", "why …"), or None."""
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                 and c.left_edge.lower_ in lx.QUESTION_WORDS), None)


def _document_finding(verb: Token) -> bool:
    """"A report found that …", "the poll showed that …": a verb of finding whose subject is a
    study, poll or report and whose clause says "that" (not "the video shows Hess talking")."""
    return is_reporting(verb, lx.DOCUMENT_VERBS) and any(
        c.dep_ in ("nsubj", "nsubjpass") and lemma(c) in lx.FINDING_DOCUMENTS for c in verb.children) and any(
        c.dep_ == "ccomp" and c.left_edge.lower_ == "that" for c in verb.children)


def _clause_hung_on_phrase(verb: Token) -> list[Token]:
    """'predicted at the debate that Republicans will win', 'said in a statement that the firm
    would appeal': the small model hangs the reported clause on the phrase's noun as a relative
    clause. Taken as the verb's clause when it begins with "that", has a subject of its own and
    leaves no gap for "that" to fill (the relative reading: 'in a statement that he released')."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for rel in noun.children:
                first = rel.left_edge
                if rel.dep_ != "relcl" or first.lower_ != "that" or first.i <= noun.i:
                    continue
                own = [c for c in rel.children if c.i != first.i]
                if any(c.dep_ in SUBJECT_DEPS for c in own) and (
                        first.dep_ == "mark" or any(c.dep_ in OBJECT_DEPS for c in own)):
                    return [rel]
    return []


def _gerund_clause(verb: Token) -> list[Token]:
    """'said legalizing it could put thousands to work': the parser made the gerund that is the
    clause's subject the verb's complement, and the clause the gerund's. The gerund heads it."""
    return [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1 and any(
        g.dep_ == "ccomp" and g.i > c.i for g in c.children)][:1]


def _clauses_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "ccomp"] or _clause_hung_on_phrase(verb) or _gerund_clause(verb)


def _subject_as_object(verb: Token, comp: Token) -> Token | None:
    """'said their networks of donors were now composed mostly of women': the clause's subject
    the parser made the verb's object, right before a clause that has none. Not whom a verb
    of telling addresses ('told reporters …'), nor an object pronoun."""
    if lemma(verb) in lx.ADDRESSING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i and c.right_edge.i < comp.left_edge.i
                 and c.lower_ not in lx.OBJECT_PRONOUNS), None)


def clause(index: DocIndex) -> list[Reported]:
    """'Mayor John Carter said that the city would hire …' / 'Officials said the bridge will reopen':
    the verb's clausal complement (or the clause the parser hung on a phrase after it)."""
    return _clauses_reported([v for v in reporting_verbs(index) if headline_report(v, index) is None], index)


def finding(index: DocIndex) -> list[Reported]:
    """'A report found that the agency had overspent', 'the poll showed that …': the clause a
    document's verb of finding reports, the document its source."""
    verbs = [verb for verb in index.verbs if _document_finding(verb) and not index.in_quote(verb)]
    return _clauses_reported(verbs, index)


def _clauses_reported(verbs: list[Token], index: DocIndex) -> list[Reported]:
    doc = index.doc
    found = []
    for verb in verbs:
        content = _clauses_of(verb)
        if not content:
            continue
        # A clause after the verb is what it reports; one before it is often a misparse of an
        # earlier sentence ("X went further: he said that …").
        comp = next((c for c in content if c.i > verb.i), content[0])
        if comp.i < verb.i and any(t.text in (":", ";") for t in doc[comp.right_edge.i:verb.i]):
            continue  # a colon or semicolon ends what came before; the verb does not report it
        # Edge punctuation trimmed. The complementiser ("that", "whether") stays: annotators count
        # it as part of what was reported; the length check counts the words after it.
        opens = _opens_a_clause(comp)
        subject = _subject_as_object(verb, comp) if comp.i > verb.i and not opens else None
        first = subject.left_edge.i if subject is not None else comp.left_edge.i
        start, end = trim_punct(doc, first, _split_clause_end(verb, comp, index))
        end = before_coordinated_report(comp, start, end, index)
        has_subject = subject is not None or opens
        # Three words are a clause when they have a subject of their own ("sales had doubled"),
        # two when the verb is left out after an auxiliary ("Flake said he would").
        if end - first_word(start, end, doc) < (4 if not has_subject else 2 if _elliptical(comp) else 3):
            continue
        if not has_subject and comp.i > verb.i:
            continue
        speaker = subject_of(verb, index)
        if speaker is None and comp.i < verb.i:
            speaker = noun_after(verb, min(len(doc), verb.i + 12), index)
        elif speaker is None and verb.dep_ == "ROOT":
            speaker = set_off_subject(verb, index) or _it_reports(verb)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported([verb], speaker, start, end))
    return found


def _elliptical(comp: Token) -> bool:
    """'he would', 'she could', 'they did': a clause of a pronoun subject and an auxiliary whose
    verb is left out, ending its sentence."""
    return comp.pos_ == "AUX" and comp.i + 1 < len(comp.doc) and comp.doc[comp.i + 1].is_punct and any(
        c.dep_ == "nsubj" and c.pos_ == "PRON" and c.i == comp.i - 1 for c in comp.children)


def _it_reports(verb: Token) -> Token | None:
    """'It said current officials have concealed …', 'It added that it has worked with …': an
    organisation or a document named in an earlier sentence, as the active subject of a verb that
    reports a clause (not 'it was said that')."""
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "it" and c.i < verb.i), None)


def _split_clause_end(verb: Token, comp: Token, index: DocIndex) -> int:
    """End of the clause ``comp``, with the verb's next clausal complement when only punctuation
    stands between them: one clause the parser cut in two ("say they don't yet know enough",
    where "they do" is a clause and "know enough" another). Not a second report ("… and quoted
    Reagan", "…, adding …"), a clause after a conjunction, nor one in quote marks (on the train
    split those were the speaker's words quoted apart, as often as not the next sentence's)."""
    doc = index.doc
    end = comp.right_edge.i + 1
    for other in verb.children:
        if other.dep_ != "ccomp" or other.i <= comp.i or not all(t.is_punct for t in doc[end:other.left_edge.i]):
            continue
        first = doc[first_word(other.left_edge.i, other.right_edge.i + 1, doc)]
        if not (other.left_edge.dep_ == "cc" or index.in_quote(first) or is_reporting(other, SECOND_REPORTS)):
            end = other.right_edge.i + 1
    return end


def _opens_a_clause(comp: Token) -> bool:
    """A clause: it has a subject of its own (or one before its head that the parser hung on a
    word of it: "said the girl was pepper-sprayed", headed by "sprayed"), or opens with the
    complementiser "that" (whose subject the parser may have lost: "note that Sanders
    co-sponsored bans …", parsed with "bans" for the clause's head)."""
    first = comp.left_edge
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children) or any(
        t.dep_ in SUBJECT_DEPS for t in comp.doc[first.i:comp.i]) or (
        first.lower_ == "that" and first.dep_ == "mark") or comp.dep_ == "xcomp"   # (_gerund_clause)


def _clause_after(verb: Token, index: DocIndex) -> tuple[int, int] | None:
    """A subject right after the verb (or after "that") and a finite verb soon after it, to the
    sentence end: (content start, content end) or None."""
    doc = verb.doc
    start = content = verb.i + 1
    if start < len(doc) and doc[start].lower_ == "that":
        start += 1
    if start >= len(doc) or doc[start].pos_ not in ("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM") or index.in_quote(doc[start]):
        return None
    if doc[start].lower_ in lx.OBJECT_PRONOUNS:
        return None
    end = start
    finite = None
    while end < len(doc) and end - start < 80:
        t = doc[end]
        if t.text in (".", "!", "?", ";") or index.breaks_paragraph(t) or index.in_quote(t):
            break
        if end - start <= 8 and t.tag_ in FINITE_TAGS and end > start and finite is None:
            finite = t
        end += 1
    if finite is None or end - start < 4:
        return None
    if not _subject_left_to(finite, start):
        return None
    return content, end


def _subject_left_to(finite: Token, start: int) -> bool:
    """The finite verb's subject is the words after the reporting verb, from token ``start`` ("vowed
    the allies would not accept …", where the parser made "allies" the verb's object): it has no
    subject of its own further on and opens no clause of its own ("predicted a win in Texas, which
    votes in March", "pledged allegiance before he carried out …")."""
    verb = finite.head if finite.dep_ in ("aux", "auxpass") else finite
    return verb.dep_ not in ("relcl", "acl") and not any(
        c.dep_ == "mark" or (c.dep_ in SUBJECT_DEPS or c.dep_ == "expl") and c.left_edge.i > start for c in verb.children)


def clause_after(index: DocIndex) -> list[Reported]:
    """When the parser missed the clause ("vowed the US and its allies would not accept …"): a
    reporting verb with no clausal complement, followed by a subject and a finite verb."""
    found = []
    for verb in reporting_verbs(index):
        if _clauses_of(verb):
            continue
        span = _clause_after(verb, index)
        if span is None:
            continue
        speaker = subject_of(verb, index)
        if speaker is not None:
            found.append(Reported([verb], speaker, span[0], span[1]))
    return found


def _parenthetical_content(verb: Token, left: int, index: DocIndex) -> tuple[int, int] | None:
    """What a parenthetical attribution at token ``left`` reports: the clause it interrupts or follows."""
    doc = index.doc
    if verb.dep_ == "parataxis":
        start, end = verb.head.left_edge.i, verb.head.right_edge.i + 1
        # Not past the sentence's end, which the parser may run on into a quote of the next one.
        end = next((t.i for t in doc[verb.i + 1:end] if index.breaks_paragraph(t) or (
            t.text in SENTENCE_END and not index.in_quote(t))), end)
    elif verb.dep_ == "ROOT":
        start, end = index.sentence(verb)[0], left - 1
        if not any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in doc[start:end]):
            return None  # what precedes is a phrase, not something said
    else:
        return None
    if left - start > 150:
        return None
    # Not across another quote's closing mark or a paragraph break.
    for t in doc[start:left]:
        if index.breaks_paragraph(t) or (index.in_quote(t) and not index.in_quote(doc[left - 1])):
            start = t.i + 1
    start, end = trim_punct(doc, start, end)
    if end - start < 3 or index.in_quote(doc[start]) or index.in_quote(doc[end - 1]) and not _quoted_after(
            verb, doc[end - 1], index):
        return None
    return start, end


def _quoted_after(verb: Token, last: Token, index: DocIndex) -> bool:
    """The content's last word is in quote marks opened after the attribution: the speaker's own
    words end what the attribution interrupts ("The industry, she said, is ''doing much better.''")."""
    return index.marked[index.quote_of[last.i]].open_at > verb.idx


def _interruption(verb: Token, left: int, end: int, index: DocIndex) -> tuple[int, int] | None:
    """The attribution inside the content it interrupts, from the comma before its subject (token
    ``left`` - 1) through the comma that closes it; None when it closes the content instead."""
    doc = index.doc
    for t in doc[verb.i + 1:min(end, verb.i + 10)]:
        if t.text == ",":
            return (left - 1, t.i + 1) if t.i + 1 < end else None
        if t.is_punct or index.in_quote(t):
            return None
    return None


def parenthetical(index: DocIndex) -> list[Reported]:
    """"The latest test, North Korea said, was its biggest yet." / "People like Scott, he said."
    The attribution set off by a comma inside or after what was said."""
    doc = index.doc
    found = []
    for verb in reporting_verbs(index):
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
        if subj is None or not valid_speaker(subj, index):
            continue
        left = subj.left_edge.i
        if left == 0 or doc[left - 1].text != "," or verb.i - subj.right_edge.i > 3:
            continue
        if any(c.dep_ == "ccomp" for c in verb.children if c.i > verb.i):
            continue
        if any(c.i > verb.i and c.dep_ in ("dobj", "xcomp", "attr", "oprd", "dative") for c in verb.children):
            continue  # "…, the candidate repeated his promise": the verb has its own object
        content = _parenthetical_content(verb, left, index)
        if content is not None:
            found.append(Reported([verb], subj, *content, gap=_interruption(verb, left, content[1], index)))
    return found


def _says_nothing_more(verb: Token) -> bool:
    """"as Clyburn noted", "as the Post reported in December": nothing after the verb but a
    particle, an adverb or a time, as in a comparison; not "as he joked with his friend at the
    table" (a time of its own)."""
    for c in verb.rights:
        if c.dep_ in ("prt", "advmod", "npadvmod", "punct"):
            continue
        if c.dep_ == "prep" and all(t.ent_type_ in ("DATE", "TIME") for t in c.subtree if t.i != c.i):
            continue
        return False
    return True


def as_reported(index: DocIndex) -> list[Reported]:
    """"As Clyburn noted, those voters will give Sanders a second look", "…, as the Post reported":
    a clause of "as" and a reporting verb set beside the clause it reports."""
    doc = index.doc
    found = []
    for verb in reporting_verbs(index):
        head = verb.head
        if verb.dep_ != "advcl" or head.i == verb.i or head.pos_ not in ("VERB", "AUX") or lemma(verb) not in lx.AS_VERBS:
            continue
        first = verb.left_edge
        if first.lower_ != "as" or first.dep_ != "mark":
            continue
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and first.i < c.i < verb.i), None)
        if subj is None or not valid_speaker(subj, index) or not _says_nothing_more(verb):
            continue
        if verb.i < head.i:
            start, end = verb.right_edge.i + 1, head.right_edge.i + 1
        else:
            start, end = head.left_edge.i, first.i
        start, end = trim_punct(doc, start, end)
        if end - start < 4 or index.in_quote(doc[start]) or not start <= head.i < end:
            continue
        found.append(Reported([verb], speaker_head(subj), start, end))
    return found
