//! The ROCA fingerprint (CVE-2017-15361): RSA moduli made by Infineon's RSALib, whose primes
//! have the form `k·M + (65537^a mod M)` for a primorial `M`, can be factored. Such a modulus
//! is, modulo every small prime `r` dividing `M`, a power of 65537; a random modulus is so
//! for all of the primes below with negligible probability. The test is the one published
//! with the attack (Nemec et al., "The Return of Coppersmith's Attack", ACM CCS 2017): a few
//! thousand integer operations.

/// The small primes the published detector checks.
#[cfg(test)]
const PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// The generator of the subgroup RSALib's primes fall in.
const GENERATOR: u32 = 65537;

/// The primes of the published detector, in groups whose product fits in 32 bits, with that
/// product: `n` is reduced once per group, by a constant the compiler turns into
/// multiplications.
const GROUPS: [(u64, &[u32]); 8] = [
    (3_234_846_615, &[3, 5, 7, 11, 13, 17, 19, 23, 29]),
    (95_041_567, &[31, 37, 41, 43, 47]),
    (907_383_479, &[53, 59, 61, 67, 71]),
    (4_132_280_413, &[73, 79, 83, 89, 97]),
    (121_330_189, &[101, 103, 107, 109]),
    (257_557_397, &[113, 127, 131, 137]),
    (490_995_677, &[139, 149, 151, 157]),
    (27_221, &[163, 167]),
];

/// Whether the big-endian modulus `n` carries the ROCA fingerprint: for every prime `r` of
/// [`GROUPS`], `n mod r` is a power of 65537 modulo `r`. Most moduli are cleared by the
/// first group.
pub(crate) fn has_fingerprint(n: &[u8]) -> bool {
    let [g1, g2, g3, g4, g5, g6, g7, g8] = GROUPS;
    group_holds(first_residue(n), g1.1)
        && group_holds(residue::<{ GROUPS[1].0 }>(n), g2.1)
        && group_holds(residue::<{ GROUPS[2].0 }>(n), g3.1)
        && group_holds(residue::<{ GROUPS[3].0 }>(n), g4.1)
        && group_holds(residue::<{ GROUPS[4].0 }>(n), g5.1)
        && group_holds(residue::<{ GROUPS[5].0 }>(n), g6.1)
        && group_holds(residue::<{ GROUPS[6].0 }>(n), g7.1)
        && group_holds(residue::<{ GROUPS[7].0 }>(n), g8.1)
}

/// Whether `residue` (n modulo the product of `primes`) is a power of 65537 modulo each.
fn group_holds(residue: u64, primes: &[u32]) -> bool {
    primes
        .iter()
        .all(|&r| is_power_of_generator((residue % u64::from(r)) as u32, r))
}

/// `2^(32·i) mod M` for the first group's `M`, for moduli of up to 8192 bits.
const FIRST_POWERS: [u64; 256] = powers_of_2_32(GROUPS[0].0);

// Evaluated at compile time only: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const fn powers_of_2_32(m: u64) -> [u64; 256] {
    let mut powers = [0u64; 256];
    let mut power = 1 % m;
    let mut i = 0;
    while i < powers.len() {
        powers[i] = power;
        power = ((power as u128) << 32).rem_euclid(m as u128) as u64;
        i += 1;
    }
    powers
}

/// `n mod M` for the first group, which clears most moduli: a sum of independent products
/// (word × 2^(32·i) mod M), which the processor runs in parallel, rather than a chain of
/// reductions. Longer inputs than the table covers take the chain.
fn first_residue(n: &[u8]) -> u64 {
    const M: u64 = GROUPS[0].0;
    let mut sum = 0u128;
    for (i, word) in n.rchunks(4).enumerate() {
        let Some(&power) = FIRST_POWERS.get(i) else {
            return residue::<M>(n);
        };
        let word = word.iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
        // Each term is below 2^64 and there are at most 256: the sum stays below 2^72.
        sum += u128::from(word * power);
    }
    (sum % u128::from(M)) as u64
}

/// `n mod M` for a big-endian `n` and a constant `M` < 2^32, 32 bits at a time.
fn residue<const M: u64>(n: &[u8]) -> u64 {
    let (head, words) = n.split_at(n.len() % 4);
    let acc = head
        .iter()
        .fold(0u64, |acc, &byte| (acc << 8 | u64::from(byte)) % M);
    words.chunks_exact(4).fold(acc, |acc, word| {
        let word = word.iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
        (acc << 32 | word) % M
    })
}

/// Whether `x` is in the subgroup of (Z/rZ)* that 65537 generates.
fn is_power_of_generator(x: u32, r: u32) -> bool {
    let g = GENERATOR % r;
    let mut power = 1;
    // The subgroup has at most r − 1 elements; the walk ends when it returns to 1.
    for _ in 0..r {
        if power == x {
            return true;
        }
        power = power * g % r;
        if power == 1 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit masks of the published detector (`roca-detect`), bit `i` set when `i` is a
    /// power of 65537 modulo the prime, for the first primes.
    #[test]
    fn subgroups_match_the_published_masks() {
        let masks: [(u32, u64); 8] = [
            (3, 6),
            (5, 30),
            (7, 126),
            (11, 1026),
            (13, 5658),
            (17, 107286),
            (19, 199410),
            (23, 8388606),
        ];
        for (r, mask) in masks {
            let computed = (0..r)
                .filter(|&x| is_power_of_generator(x, r))
                .fold(0u64, |m, x| m | 1 << x);
            assert_eq!(computed, mask, "r = {r}");
        }
    }

    /// The groups are the primes, in order, each with its product below 2^32; the grouped
    /// residues agree with one prime at a time.
    #[test]
    fn grouped_residues() {
        let flat: Vec<u32> = GROUPS.iter().flat_map(|g| g.1.iter().copied()).collect();
        assert_eq!(flat, PRIMES);
        for (product, primes) in GROUPS {
            assert_eq!(
                product,
                primes.iter().map(|&r| u64::from(r)).product::<u64>()
            );
            assert!(product <= u64::from(u32::MAX));
        }
        let n: Vec<u8> = (0..2000u32).map(|i| (i * 151) as u8 ^ 0x5a).collect();
        for len in [0, 1, 3, 4, 5, 255, 256, 1023, 1024, 1025, 2000] {
            let n = &n[..len];
            let residue = residue::<{ GROUPS[0].0 }>(n);
            assert_eq!(first_residue(n), residue);
            for &r in GROUPS[0].1 {
                let one_by_one = n
                    .iter()
                    .fold(0u32, |acc, &b| (acc * 256 + u32::from(b)) % r);
                assert_eq!(residue % u64::from(r), u64::from(one_by_one));
            }
        }
    }

    /// Moduli built as RSALib builds its primes carry the fingerprint; random odd numbers of
    /// 2048 bits do not.
    #[test]
    fn constructed_values_and_random_values() {
        // 65537^a itself, as a big-endian integer, is a power of the generator modulo every r.
        let mut value = vec![1u8];
        for a in 0..40 {
            assert!(has_fingerprint(&value), "65537^{a}");
            value = mul_small(&value, GENERATOR);
        }
        // A multiple of every r plus 65537^a: the structure of an RSALib prime.
        let m: u64 = 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23 * 29 * 31 * 37;
        let m_rest: Vec<u32> = PRIMES[11..].to_vec();
        let mut n = m.to_be_bytes().to_vec();
        for r in m_rest {
            n = mul_small(&n, r);
        }
        let mut structured = mul_small(&n, 12345);
        add_small(&mut structured, GENERATOR);
        assert!(has_fingerprint(&structured));
        add_small(&mut structured, 2);
        assert!(!has_fingerprint(&structured));

        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut flagged = 0;
        for _ in 0..2000 {
            let mut candidate: Vec<u8> = (0..256)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            if let Some(first) = candidate.first_mut() {
                *first |= 0x80;
            }
            if let Some(last) = candidate.last_mut() {
                *last |= 1;
            }
            flagged += usize::from(has_fingerprint(&candidate));
        }
        assert_eq!(flagged, 0);
    }

    fn mul_small(n: &[u8], k: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(n.len() + 4);
        let mut carry = 0u64;
        for &byte in n.iter().rev() {
            let v = u64::from(byte) * u64::from(k) + carry;
            out.push(v as u8);
            carry = v >> 8;
        }
        while carry > 0 {
            out.push(carry as u8);
            carry >>= 8;
        }
        out.reverse();
        out
    }

    fn add_small(n: &mut Vec<u8>, k: u32) {
        let mut carry = u64::from(k);
        for byte in n.iter_mut().rev() {
            let v = u64::from(*byte) + carry;
            *byte = v as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            n.insert(0, carry as u8);
            carry >>= 8;
        }
    }
}
