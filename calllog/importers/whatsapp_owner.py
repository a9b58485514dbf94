"""Which author of a WhatsApp chat is the owner (``--me``), and to whom the
owner's messages went. The rules are in the docstring of
``calllog.importers.whatsapp``; this module only applies them."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

AUTHORS_LISTED = 10
ME_HINT = 'Give --me "Your name as shown in the chat" (several --me if you appear under more than one name).'


@dataclass(frozen=True, slots=True)
class Owner:
    """The authors that are the owner, and where the owner's messages went."""

    me: tuple[str, ...]  # the names given with --me
    mine: frozenset[str]  # the authors (as written) that are the owner
    other: str | None  # the one other person of a two-person chat
    group: bool  # a group chat: the owner wrote to the group, not to one person
    problem: str | None  # why the chat cannot be imported as it stands


def name_key(name: str) -> str:
    """A name compared without case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def me_names(options: Mapping[str, Any]) -> tuple[str, ...]:
    """The owner's names from ``ctx.options["me"]`` (a name or several)."""
    given = options.get("me", ())
    names = (given,) if isinstance(given, str) else tuple(given or ())
    return tuple(str(name) for name in names if name_key(str(name)))


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def authors_text(authors: Counter[str]) -> str:
    """'Jan (12 messages), Sofie (1 message)', busiest first."""
    ranked = authors.most_common()
    shown = [f"{name} ({counted(count, 'message')})" for name, count in ranked[:AUTHORS_LISTED]]
    if len(ranked) > AUTHORS_LISTED:
        shown.append(f"and {len(ranked) - AUTHORS_LISTED} more")
    return ", ".join(shown)


def decide_owner(authors: Counter[str], group_line_seen: bool, me: tuple[str, ...], file_name: str) -> Owner:
    keys = {name_key(given) for given in me}
    mine = frozenset(author for author in authors if name_key(author) in keys)
    others = [author for author in authors if author not in mine]
    group = group_line_seen or len(others) >= 2
    problem = None
    if not me and len(authors) >= 2:
        # one of them is the owner: her messages must never count as contacts to her
        problem = (
            f"{file_name} holds messages from {len(authors)} people, {authors_text(authors)}, "
            "and calllog cannot tell which of them is you."
        )
    elif me and not mine and len(authors) == 2 and not group_line_seen:
        # two people and no group: one of them must be the owner, so the name is wrong
        problem = (
            f"Nobody in {file_name} is called {' or '.join(repr(given) for given in me)}: the two people "
            f"who wrote are {authors_text(authors)}."
        )
    other = others[0] if len(others) == 1 and not group else None
    return Owner(me, mine, other, group, problem)


def owner_lines(owner: Owner, authors: Counter[str]) -> list[str]:
    """What ``describe`` says about the owner."""
    if owner.problem is not None:
        return [f"Cannot import yet: {owner.problem}", ME_HINT]
    if not owner.me:
        if len(authors) == 1:
            only = next(iter(authors))
            return [f"Every message is read as received from {only}; if {only} is you, give --me."]
        return []
    if not owner.mine:
        return [f"You (--me {', '.join(owner.me)}) wrote nothing in this chat: every message is read as received."]
    yours = ", ".join(sorted(owner.mine))
    if owner.group:
        return [f"Your messages (as {yours}) went to a group, not to one person: they are skipped."]
    if owner.other is None:
        return [f"Your messages (as {yours}) have nobody else in the chat to go to: they are skipped."]
    return [f"Your messages (as {yours}) are read as sent to {owner.other}."]
