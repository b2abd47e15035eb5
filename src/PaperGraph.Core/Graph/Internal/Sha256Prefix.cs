using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PaperGraph.Core;

/// <summary>
/// The first 8 bytes of the SHA-256 of a short input, big-endian: an edge id is hashed for every relation of every
/// paper (millions), so the per-call cost matters more than the hashing itself.
/// </summary>
/// <remarks>
/// .NET's hash objects go through OpenSSL's EVP layer (three interop calls with handle bookkeeping and a provider
/// re-initialisation per hash): ~600-800 ns for an 80-byte input here, against ~150 ns for OpenSSL's plain
/// SHA256_Init/Update/Final on a per-thread context, the same library and the same digest. Where that library or
/// those functions are missing (not Linux, a future OpenSSL), or if it ever gave a different digest for the check
/// vectors, every call goes through <see cref="IncrementalHash"/> as before.
/// </remarks>
internal static class Sha256Prefix
{
    // SHA256_CTX is 112 bytes in OpenSSL 1.1 and 3.x; the buffer leaves room to spare.
    private const int ContextBytes = 256;

    private static readonly bool UseNative = NativeWorks();

    [ThreadStatic]
    private static byte[]? _context;

    [ThreadStatic]
    private static IncrementalHash? _managed;

    /// <summary>The first 8 bytes of SHA-256(<paramref name="data"/>) as a big-endian number.</summary>
    public static ulong Of(ReadOnlySpan<byte> data) => UseNative ? Native(data) : Managed(data);

    /// <summary>The same through .NET's own SHA-256 (the fallback, and the reference the tests compare with).</summary>
    internal static ulong Managed(ReadOnlySpan<byte> data)
    {
        // One reusable hash object per thread: the one-shot HashData sets up a new native context on every call.
        var sha = _managed ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(data);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>Whether <see cref="Of"/> calls OpenSSL directly (for tests).</summary>
    internal static bool IsNative => UseNative;

    // Long inputs (none an edge id has in practice) go the managed way: the native calls hold off garbage collections
    // while they run (see the imports below).
    private static ulong Native(ReadOnlySpan<byte> data) =>
        data.Length <= MaxNativeBytes && TryNative(data, out var hash) ? hash : Managed(data);

    private const int MaxNativeBytes = 1 << 14;

    private static bool TryNative(ReadOnlySpan<byte> data, out ulong prefix)
    {
        var context = _context ??= new byte[ContextBytes];
        Span<byte> hash = stackalloc byte[32];
        prefix = 0;
        if (Sha256Init(ref context[0]) != 1
            || Sha256Update(ref context[0], ref MemoryMarshal.GetReference(data), (nuint)data.Length) != 1
            || Sha256Final(ref hash[0], ref context[0]) != 1)
        {
            return false;
        }

        prefix = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return true;
    }

    // Loads the functions and checks them against .NET's SHA-256 on inputs of every length around the block edges.
    private static bool NativeWorks()
    {
        try
        {
            var input = new byte[300];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (byte)((i * 131) + 7);
            }

            for (var length = 0; length <= input.Length; length += length < 130 ? 1 : 17)
            {
                if (!TryNative(input.AsSpan(0, length), out var native) || native != Managed(input.AsSpan(0, length)))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    // The three calls are short (a few hundred cycles for an edge id), never block and never call back, so they run
    // without the switch to preemptive GC mode and back that an ordinary P/Invoke makes (two of them per call, three
    // calls per edge): that switch cost about as much as the hashing.
    [DllImport("libcrypto.so.3", EntryPoint = "SHA256_Init", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int Sha256Init(ref byte context);

    [DllImport("libcrypto.so.3", EntryPoint = "SHA256_Update", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int Sha256Update(ref byte context, ref byte data, nuint length);

    [DllImport("libcrypto.so.3", EntryPoint = "SHA256_Final", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int Sha256Final(ref byte hash, ref byte context);
}
