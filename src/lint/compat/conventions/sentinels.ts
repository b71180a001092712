/**
 * Sentinels: enumerators and macros whose value is meant to move when members are added
 * (`__IFLA_MAX`, `IFLA_MAX = __IFLA_MAX - 1`, `IORING_OP_LAST`). check-uapi.sh skips every
 * enumerator whose name merely ends like one (`*_MAX`, `*_SIZE`, ...); here a sentinel needs a
 * count-like name *and* a declaration that says so:
 *
 * - an enumerator named like a count (`MAX`, `CNT`, `COUNT`, `NUM`, `NR`, `LAST`, `END`, `NBITS`
 *   as a word of its name; never `SIZE`) that ends the enum's run of implicit values (no member
 *   after it continues counting from it), or that is `__`-private, or that is defined from
 *   another sentinel (its value is that sentinel's, or one less);
 * - the last enumerator when its name is private (`__WGDEVICE_F_ALL`, `RXRPC__SUPPORTED`), or a
 *   `*_LAST` defined as the member before it (`SOF_TIMESTAMPING_LAST`);
 * - a macro named like a count whose body names a sentinel or another count-like name
 *   (`#define IFLA_MAX (__IFLA_MAX - 1)`, `#define SW_CNT (SW_MAX + 1)`).
 *
 * So `FOO_BUF_SIZE` and a `FOO_MAX` that is a plain limit (`#define FOO_MAX 16`) are ABI values.
 */
import type { EnumItem, EnumMember } from "../../../model/ir.js";

/** `__FOO`, `FOO__BAR`: the kernel's spelling of a name that is not for user space. */
const PRIVATE = /^__|[A-Za-z0-9]__[A-Za-z0-9]/;

const COUNT_WORD = /(^|_)(MAX|CNT|COUNT|NUM|NR|LAST|END|NBITS|TOTAL)(_|$)/;

export function countLike(name: string): boolean {
  return COUNT_WORD.test(name.toUpperCase());
}

/** The names of the enum's sentinel members. */
export function enumSentinels(e: EnumItem): ReadonlySet<string> {
  const out = new Set<string>();
  const members = e.members;
  members.forEach((m, i) => {
    // `RXRPC__SUPPORTED`, `__WGDEVICE_F_ALL`: private by its name, after every real member.
    if (i === members.length - 1 && PRIVATE.test(m.name)) out.add(m.name);
    if (!countLike(m.name)) return;
    if (m.name.startsWith("__") || endsImplicitRun(members, i)) out.add(m.name);
  });
  // Defined from another sentinel: `FOO_MAX = __FOO_MAX - 1`, `NUM_FOO = FOO_AFTER_LAST`; or
  // the alias of the latest member: `SOF_TIMESTAMPING_LAST = SOF_TIMESTAMPING_OPT_RX_FILTER`.
  members.forEach((m, i) => {
    if (out.has(m.name) || !countLike(m.name) || m.implicit) return;
    const before = members.slice(0, i);
    const from = before.some(
      (s) => out.has(s.name) && (s.value === m.value || s.value - 1 === m.value),
    );
    const alias = /(^|_)LAST$/.test(m.name.toUpperCase()) && before.at(-1)?.value === m.value;
    if (from || alias) out.add(m.name);
  });
  return out;
}

/**
 * The last member, or an implicitly valued one that no later member counts on from
 * (`IORING_REGISTER_LAST` is followed by an explicit `1U << 31` flag).
 */
function endsImplicitRun(members: readonly EnumMember[], i: number): boolean {
  const next = members[i + 1];
  if (!next) return true;
  return members[i]!.implicit === true && (!next.implicit || countLike(next.name));
}

/**
 * Whether a macro is a sentinel: named like a count, and its body names a sentinel (`known`
 * holds the sentinel enumerators and macros seen so far; `body` is the macro's replacement text).
 */
export function macroSentinel(
  name: string,
  body: string | undefined,
  known: ReadonlySet<string>,
): boolean {
  if (!countLike(name) || body === undefined) return false;
  for (const id of body.match(/[A-Za-z_]\w*/g) ?? [])
    if (known.has(id) || (id !== name && countLike(id))) return true;
  return false;
}
