#!/usr/bin/env python3
"""gen.py - a deterministic generator of realistic synthetic relgraph files.

    python3 bench/gen.py N [--ties-per-actor R] [--seed S] > file.yaml

N actors of mixed kinds (names, roles, aliases, notes, links), nested
groups, sources, one custom tie kind and one custom actor kind, and about
R * N ties (default 1.5) of mixed kinds with dates, intervals, statuses,
weights, labels and sources, some of them `between` three or four parties.

The file passes `relgraph --check --strict`: every actor takes part in a
tie, every group has actors, every source is cited and every custom kind
is used. The structure is that of a real network: every actor first ties
to one earlier actor chosen in proportion to its ties so far (preferential
attachment: a few hubs, many actors with one or two ties), then the other
ties join actors mostly within the same group.

relgraph's limits shape the largest files: at most 100,000 ties (so R is
cut down when R * N would exceed it) and 16 MiB of input (large files use
fewer optional fields, as a real export would; the mix is the same).

The same N, R and seed always give the same bytes: the generator uses its
own random number generator, not Python's, whose algorithms may change.
"""
import argparse
import sys

MAX_ENTRIES = 100000


class Rng:
    """xorshift64*: small, fast, and the same everywhere."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) & (2**64 - 1) or 1

    def next(self):
        s = self.s
        s ^= (s >> 12)
        s ^= (s << 25) & (2**64 - 1)
        s ^= (s >> 27)
        self.s = s
        return ((s * 0x2545F4914F6CDD1D) & (2**64 - 1)) >> 11

    def below(self, n):
        return self.next() % n

    def chance(self, p):
        return self.next() < p * (1 << 53)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, table):
        total = sum(w for _, w in table)
        r = self.below(total)
        for value, w in table:
            if r < w:
                return value
            r -= w
        return table[-1][0]


FIRST = ("Ali Amir Anna Aziz Bashir Carla David Dina Elena Farid Fatima Georg "
         "Hassan Hana Ibrahim Irina Jamal Jana Karim Kateryna Laila Lars Mahmoud "
         "Maria Nadia Nikolai Omar Olga Pavel Parisa Qasim Rania Reza Sara Samir "
         "Tariq Tamara Umar Vera Walid Yasmin Yusuf Zainab Zoltan").split()
LAST = ("Abadi Ahmadi al-Amin Bakr Barzani Castillo Dabagh Esfahani Farouk "
        "Garcia Haddad Hakimi Hosseini Ivanova Jafari Karimi Khalil Kowalski "
        "Larijani Mansour Mirza Moretti Nasser Novak Okafor Petrov Qureshi Rahimi "
        "Rezaei Saleh Sadr Schmidt Tahir Talabani Usmani Vasquez Wahab Yilmaz "
        "Zadeh Zamani").split()
PLACES = ("Abadan Basra Erbil Mosul Najaf Karbala Tikrit Kirkuk Qom Tabriz "
          "Shiraz Herat Aleppo Homs Latakia Tartus Sidon Tyre Aden Hodeidah "
          "Mukalla Marib Ramadi Falluja Samarra Baquba Amara Nasiriyah Kut "
          "Hilla Zakho Duhok").split()
ORG_WORDS = ("Council Committee Ministry Agency Authority Commission Office "
             "Directorate Bureau Foundation Institute Union Front Alliance "
             "Movement Brigade Corps Service").split()
ORG_OF = ("Defence Interior Foreign Affairs Security Intelligence Finance Oil "
          "Reconstruction Justice Health Trade Energy Water Transport").split()
ROLES = ["ambassador", "foreign minister", "spokesman", "security adviser",
         "commander", "special envoy", "chief negotiator", "deputy minister",
         "chief of staff", "analyst", "correspondent", "mediator", "governor",
         "mayor", "general", "colonel", "judge", "prosecutor", "editor"]
VERBS = ("met over ceasefire|accused of shelling|demanded release|proposed talks"
         "|supplied weapons|hosted summit|represented at talks|held detainees"
         "|signed memorandum|denied involvement|funded campaign|trained forces"
         "|reported on raid|broke off contacts|exchanged prisoners"
         "|called for inquiry|blocked convoy|mediated truce").split("|")
ADJ = "secret public formal informal failed renewed bilateral regional".split()
PUBLISHERS = ["CBS News", "Reuters", "Associated Press", "Al Jazeera", "BBC",
              "Le Monde", "Der Spiegel", "The Guardian", "NHK", "El País"]

ACTOR_KINDS = [("person", 45), ("organization", 15), ("country", 10),
               ("group", 10), ("media", 8), ("event", 7), ("detainees", 3),
               (None, 2)]
TIE_KINDS = [("talks", 20), ("accuses", 12), ("supports", 14), ("opposes", 10),
             ("demands", 8), ("proposes", 6), ("custody", 4), ("allied", 8),
             ("represents", 8), ("hosts", 5), ("reports", 5)]


def q(s):
    """A YAML flow scalar: plain when safe, else double-quoted."""
    if s and all(c.isalnum() or c in " .-'" for c in s) and s[0].isalpha() \
            and s not in ("true", "false", "null", "yes", "no"):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date(rng, lo=1990, hi=2024, precision=None):
    y = lo + rng.below(hi - lo + 1)
    p = precision if precision is not None else rng.weighted([(0, 2), (1, 3), (2, 10)])
    if p == 0:
        return "%04d" % y
    m = 1 + rng.below(12)
    if p == 1:
        return "%04d-%02d" % (y, m)
    return "%04d-%02d-%02d" % (y, m, 1 + rng.below(28))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of actors (2 to 100000)")
    ap.add_argument("--ties-per-actor", type=float, default=1.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--multi", type=float, default=0.04,
                    help="share of ties with 3 or 4 parties (default 0.04)")
    args = ap.parse_args()
    n = args.n
    if not 2 <= n <= MAX_ENTRIES:
        ap.error("N must be from 2 to %d" % MAX_ENTRIES)
    n_ties = max(n - 1, min(MAX_ENTRIES, int(round(args.ties_per_actor * n))))
    rng = Rng(args.seed)
    # Large files drop some optional fields so as to stay under 16 MiB.
    rich = 1.0 if n <= 20000 else 0.35

    out = []
    w = out.append
    w("# Synthetic relgraph data: bench/gen.py %d --ties-per-actor %g --seed %d\n"
      % (n, args.ties_per_actor, args.seed))
    w("relgraph: 1\n")
    w("title: Synthetic network of %d actors\n" % n)
    w("description: >\n  Generated by relgraph's benchmark (bench/gen.py); "
      "every name is invented.\n")

    n_sources = max(3, n // 40)
    w("sources:\n")
    for i in range(n_sources):
        pub = rng.pick(PUBLISHERS)
        w("  s%d: {title: %s, publisher: %s, date: %s, url: \"https://news.example.org/%d\"}\n"
          % (i, q("%s %s in %s" % (rng.pick(ADJ).capitalize(), rng.pick(VERBS),
                                   rng.pick(PLACES))),
             q(pub), date(rng, 2000, 2024, 2), i))

    # Groups: one per ~25 actors, every fifth nested in an earlier one.
    n_groups = max(2, n // 25)
    w("groups:\n")
    for i in range(n_groups):
        name = "%s %s" % (rng.pick(PLACES), rng.pick(ORG_WORDS))
        if i >= 5 and i % 5 == 0:
            w("  g%d: {name: %s, parent: g%d}\n" % (i, q(name), rng.below(i)))
        else:
            w("  g%d: {name: %s}\n" % (i, q(name)))

    w("kinds:\n  ties:\n    reports: {label: reports on, directed: true, "
      "color: gray, line: dotted}\n")
    w("  actors:\n    detainees: {label: detainees, shape: tab, color: purple}\n")

    # Actors. Every group gets at least one (its first actors), then about
    # 60 % of the rest join a random group.
    group_of = []
    w("actors:\n")
    for i in range(n):
        # Actor 1 is of the custom kind whatever the draw, so it is used.
        kind = "detainees" if i == 1 else rng.weighted(ACTOR_KINDS)
        if i < n_groups:
            g = i
        elif rng.chance(0.6):
            g = rng.below(n_groups)
        else:
            g = -1
        group_of.append(g)
        if kind == "person":
            name = "%s %s" % (rng.pick(FIRST), rng.pick(LAST))
        elif kind == "country":
            name = "Republic of %s" % rng.pick(PLACES)
        elif kind in ("organization", "group"):
            name = "%s of %s" % (rng.pick(ORG_WORDS), rng.pick(ORG_OF))
        elif kind == "media":
            name = "%s %s" % (rng.pick(PLACES), rng.pick(["Times", "Radio", "TV", "Herald"]))
        elif kind == "event":
            name = "%s %s %d" % (rng.pick(PLACES), rng.pick(["raid", "summit", "bombing", "conference"]),
                                 1990 + rng.below(35))
        elif kind == "detainees":
            name = "%d detainees" % (2 + rng.below(20))
        else:
            name = None
        fields = []
        if name:
            fields.append("name: %s" % q(name))
        if kind:
            fields.append("kind: %s" % kind)
        if kind == "person" and rng.chance(0.6 * rich):
            fields.append("role: %s" % q("%s, %s" % (rng.pick(ROLES), rng.pick(PLACES))))
        if g >= 0:
            fields.append("group: g%d" % g)
        if rng.chance(0.08 * rich):
            fields.append("aliases: [%s]" % q(rng.pick(LAST)))
        if rng.chance(0.05 * rich):
            fields.append("note: %s" % q("Named in %d reports." % (1 + rng.below(40))))
        if rng.chance(0.04 * rich):
            fields.append("url: \"https://en.example.org/wiki/a%d\"" % i)
        if rng.chance(0.3 * rich):
            fields.append("source: s%d" % rng.below(n_sources))
        w("  a%d: {%s}\n" % (i, ", ".join(fields)))

    # Ties. First a spanning tree by preferential attachment (every actor
    # is in a tie), then the rest, three in four within a group.
    members = {}
    for i, g in enumerate(group_of):
        members.setdefault(g, []).append(i)
    ends = [0]
    pairs = []
    for i in range(1, n):
        j = rng.pick(ends) if rng.chance(0.7) else rng.below(i)
        pairs.append((i, j) if rng.chance(0.5) else (j, i))
        ends.append(i)
        ends.append(j)
    while len(pairs) < n_ties:
        a = rng.pick(ends)
        g = group_of[a]
        if g >= 0 and rng.chance(0.75):
            b = rng.pick(members[g])
        else:
            b = rng.below(n)
        if a != b:
            pairs.append((a, b))
    w("ties:\n")
    cited = 0
    for t, (a, b) in enumerate(pairs):
        # The first tie is of the custom kind, so that it is used.
        kind = "reports" if t == 0 else rng.weighted(TIE_KINDS)
        fields = []
        if rng.chance(args.multi):
            others = []
            for _ in range(1 + rng.below(2)):
                c = rng.below(n)
                if c not in (a, b) and c not in others:
                    others.append(c)
            fields.append("between: [%s]" % ", ".join("a%d" % x for x in [a, b] + others))
        else:
            fields.append("from: a%d, to: a%d" % (a, b))
        fields.append("kind: %s" % kind)
        if rng.chance(0.6 * (rich + 0.3)):
            fields.append("label: %s" % q(rng.pick(VERBS)))
        r = rng.below(100)
        if r < 45:
            fields.append("date: %s" % date(rng))
        elif r < 60:
            start = date(rng, 1990, 2015, 1)
            fields.append("start: %s, end: %d" % (start, int(start[:4]) + rng.below(9)))
        elif r < 65:
            fields.append("start: %s" % date(rng, 1990, 2020))
        if rng.chance(0.2):
            fields.append("status: %s" % rng.pick(["alleged", "confirmed", "denied", "ended"]))
        if rng.chance(0.08 * rich):
            fields.append("weight: %d" % (1 + rng.below(5)))
        if rng.chance(0.03 * rich):
            fields.append("note: %s" % q("Reported by %d outlets." % (2 + rng.below(9))))
        # Every source is cited at least once: the first ties go through them.
        if cited < n_sources:
            fields.append("source: s%d" % cited)
            cited += 1
        elif rng.chance(0.65 * rich):
            fields.append("source: s%d" % rng.below(n_sources))
        w("  - {%s}\n" % ", ".join(fields))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
