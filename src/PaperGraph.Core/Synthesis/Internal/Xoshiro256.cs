namespace PaperGraph.Core;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The generator owns its algorithm so a seed gives the same corpus on every
/// runtime; <see cref="System.Random"/>'s algorithm is unspecified and may change between versions.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>Derives an independent stream for one (seed, index, purpose) triple, so any item is reproducible alone.</summary>
    public static Xoshiro256 For(ulong seed, ulong index, ulong purpose) =>
        new(Mix(seed ^ Mix(index + (purpose * 0x9E3779B97F4A7C15UL))));

    /// <summary>A well-mixed 64-bit hash of a value (SplitMix64's finaliser).</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, max) by Lemire's multiply-shift with rejection (no modulo bias).</summary>
    public int Next(int max)
    {
        if (max <= 1)
        {
            return 0;
        }

        var range = (ulong)max;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var x = NextUInt64();
            var hi = Math.BigMul(x, range, out var lo);
            if (lo >= threshold)
            {
                return (int)hi;
            }
        }
    }

    /// <summary>Uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
