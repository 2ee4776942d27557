using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MinLGan.Data;

/// <summary>
/// Reads a text data file line by line, plain or gzip (detected by its magic bytes, whatever the name), while
/// hashing the uncompressed content with SHA-256. A truncated .gz is an error: .NET's GZipStream stops
/// silently at the cut, so the gzip trailer's size field is checked against what was read.
/// </summary>
public sealed class TextSource
{
    private string? _sha256;

    private TextSource(string path) => Path = path;

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    /// <summary>True when the file is gzip-compressed.</summary>
    public bool IsGzip { get; private set; }

    /// <summary>Lowercase hex SHA-256 of the uncompressed content; available after <see cref="Lines"/> has run to its end.</summary>
    public string Sha256 => _sha256 ?? throw new InvalidOperationException("the file has not been read to its end");

    /// <summary>Prepares to read <paramref name="path"/>; fails with a clear message when it is missing.</summary>
    public static TextSource Open(string path)
    {
        if (Directory.Exists(path)) throw new InvalidInputException($"{path}: is a folder, expected a data file");
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: file not found");
        return new TextSource(path);
    }

    /// <summary>Every line with its 1-based number. Throws <see cref="DataFormatException"/> when the file is damaged.</summary>
    public IEnumerable<(long Number, string Text)> Lines()
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        IsGzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        uint? trailerSize = null;
        if (IsGzip)
        {
            if (file.Length < 18) throw new DataFormatException(Path, 0, null, "gzip file is truncated (shorter than a gzip header and trailer)");
            file.Position = file.Length - 4;
            Span<byte> t = stackalloc byte[4];
            file.ReadExactly(t);
            trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(t);
            file.Position = 0;
        }

        using Stream raw = IsGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var hashing = new HashingStream(raw);
        using var reader = new StreamReader(hashing, new UTF8Encoding(false, true), false, 1 << 16);
        // One line of lookahead: the last line is handed out only after the end of the file has been checked,
        // so a gzip cut mid-line is reported as truncated rather than as a malformed last row.
        long number = 0;
        string? pending = null;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(Path, number + 1, null, $"gzip data is corrupt ({e.Message})");
            }
            catch (DecoderFallbackException)
            {
                throw new DataFormatException(Path, number + 1, null, "not valid UTF-8 text");
            }
            if (line is null) break;
            if (pending is not null) yield return (number, pending);
            number++;
            pending = line.EndsWith('\r') ? line[..^1] : line;
        }
        if (trailerSize is uint expected && expected != (uint)hashing.BytesRead)
            throw new DataFormatException(Path, 0, null,
                $"gzip file is truncated or corrupt: {hashing.BytesRead} bytes decompressed, the gzip trailer says {expected} (mod 2^32)");
        if (pending is not null) yield return (number, pending);
        _sha256 = Convert.ToHexStringLower(hashing.Finish());
    }

    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public byte[] Finish() => _hash.GetHashAndReset();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            BytesRead += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
