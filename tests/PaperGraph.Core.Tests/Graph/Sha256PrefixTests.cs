using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class Sha256PrefixTests
{
    private static ulong Expected(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(data));

    [Fact]
    public void The_prefix_is_the_first_eight_bytes_of_sha256_for_every_length_up_to_five_blocks()
    {
        var random = new Random(17);
        for (var length = 0; length <= 320; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(Expected(data), Sha256Prefix.Of(data));
            Assert.Equal(Expected(data), Sha256Prefix.Managed(data));
        }
    }

    [Fact]
    public void Long_inputs_get_the_same_prefix_as_short_ones_would()
    {
        var random = new Random(5);
        foreach (var length in new[] { (1 << 14) - 1, 1 << 14, (1 << 14) + 1, 100_000 })
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(Expected(data), Sha256Prefix.Of(data));
        }
    }

    [Fact]
    public void The_prefix_of_a_known_vector_is_the_published_digest()
    {
        // SHA-256("abc") = ba7816bf 8f01cfea ...
        Assert.Equal(0xba7816bf8f01cfeaUL, Sha256Prefix.Of("abc"u8));
    }

    [Fact]
    public void Threads_hashing_at_once_get_the_same_prefixes()
    {
        var inputs = Enumerable.Range(0, 2000).Select(i => Encoding.UTF8.GetBytes($"USES|paper:{i}|technique:t{i % 37}")).ToArray();
        var expected = inputs.Select(b => Expected(b)).ToArray();
        var results = new ulong[inputs.Length];

        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Sha256Prefix.Of(inputs[i]));

        Assert.Equal(expected, results);
    }

    [Fact]
    public void On_linux_the_hash_calls_openssl_directly()
    {
        // Where .NET's own SHA-256 runs on OpenSSL 3, the direct path must have passed its check vectors.
        if (OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"))
        {
            Assert.True(Sha256Prefix.IsNative);
        }
    }
}
