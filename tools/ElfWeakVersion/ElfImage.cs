using System.Buffers.Binary;
using System.Text;

namespace MinLGan.Tools.ElfWeakVersion;

/// <summary>
/// A minimal reader of 64-bit little-endian ELF files: just enough to read the symbol-version
/// sections (.gnu.version_d, .gnu.version_r, .gnu.version, .dynsym) and to flip one flag.
/// </summary>
public sealed class ElfImage
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;

    /// <summary>VER_FLG_WEAK from elf.h.</summary>
    public const ushort VerFlagWeak = 0x2;

    private readonly byte[] _bytes;
    private readonly List<Section> _sections = [];

    private ElfImage(byte[] bytes)
    {
        _bytes = bytes;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF is supported");
        ulong shoff = U64(0x28);
        ushort shentsize = U16(0x3A);
        ushort shnum = U16(0x3C);
        if (shentsize != 64 || shoff + (ulong)shnum * 64 > (ulong)bytes.Length)
            throw new InvalidDataException("section header table is out of range");
        for (int i = 0; i < shnum; i++)
        {
            int o = checked((int)shoff + i * 64);
            var s = new Section(U32(o + 4), U64(o + 0x18), U64(o + 0x20), U32(o + 0x28), U32(o + 0x2C), U64(o + 0x38));
            if (s.Type != 8 /* NOBITS */ && s.Offset + s.Size > (ulong)bytes.Length)
                throw new InvalidDataException($"section {i} is out of range");
            _sections.Add(s);
        }
    }

    /// <summary>The file's bytes (patched in memory by <see cref="MarkNeededVersionWeak"/>).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Parses an ELF image held in memory. The array is used, not copied.</summary>
    public static ElfImage Parse(byte[] bytes) => new(bytes);

    /// <summary>Version names a shared library defines (its .gnu.version_d), e.g. GLIBCXX_3.4.30.</summary>
    public IReadOnlySet<string> DefinedVersions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sec in _sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = _sections[(int)sec.Link];
            int off = (int)sec.Offset;
            for (uint i = 0; i < sec.Info; i++)
            {
                ushort cnt = U16(off + 6);
                uint aux = U32(off + 12);
                uint next = U32(off + 16);
                if (cnt > 0)
                    names.Add(Str(strtab, U32(off + (int)aux)));
                if (next == 0) break;
                off += (int)next;
            }
        }
        return names;
    }

    /// <summary>Every version this file needs (its .gnu.version_r), with the library and flags.</summary>
    public IReadOnlyList<NeededVersion> NeededVersions()
    {
        var list = new List<NeededVersion>();
        foreach (var sec in _sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = _sections[(int)sec.Link];
            int off = (int)sec.Offset;
            for (uint i = 0; i < sec.Info; i++)
            {
                ushort cnt = U16(off + 2);
                string file = Str(strtab, U32(off + 4));
                int aux = off + (int)U32(off + 8);
                for (int j = 0; j < cnt; j++)
                {
                    list.Add(new NeededVersion(file, Str(strtab, U32(aux + 8)), U16(aux + 4), U16(aux + 6), aux));
                    uint auxNext = U32(aux + 12);
                    if (auxNext == 0) break;
                    aux += (int)auxNext;
                }
                uint next = U32(off + 12);
                if (next == 0) break;
                off += (int)next;
            }
        }
        return list;
    }

    /// <summary>Names of the dynamic symbols bound to a version index (from .gnu.version and .dynsym).</summary>
    public IReadOnlyList<string> SymbolsWithVersionIndex(ushort versionIndex)
    {
        var versym = _sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        var dynsym = _sections.FirstOrDefault(s => s.Type == ShtDynsym);
        if (versym is null || dynsym is null) return [];
        var strtab = _sections[(int)dynsym.Link];
        int count = (int)(dynsym.Size / 24);
        var names = new List<string>();
        for (int i = 0; i < count; i++)
        {
            ushort v = (ushort)(U16((int)versym.Offset + 2 * i) & 0x7fff);
            if (v == versionIndex)
                names.Add(Str(strtab, U32((int)dynsym.Offset + 24 * i)));
        }
        return names;
    }

    /// <summary>Sets VER_FLG_WEAK on the Vernaux entry of <paramref name="needed"/> in the in-memory bytes.</summary>
    public void MarkNeededVersionWeak(NeededVersion needed)
    {
        ushort flags = (ushort)(needed.Flags | VerFlagWeak);
        BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan(needed.AuxOffset + 4), flags);
    }

    private ushort U16(int o) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(o));
    private uint U32(int o) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(o));
    private ulong U64(int o) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(o));

    private string Str(Section strtab, uint index)
    {
        int start = checked((int)(strtab.Offset + index));
        int end = Array.IndexOf(_bytes, (byte)0, start);
        if (end < 0 || (ulong)end > strtab.Offset + strtab.Size)
            throw new InvalidDataException("string table entry is out of range");
        return Encoding.ASCII.GetString(_bytes, start, end - start);
    }

    private sealed record Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info, ulong EntSize);
}

/// <summary>One Vernaux entry: a version <see cref="Name"/> needed from <see cref="File"/>.</summary>
/// <param name="File">The library the version is needed from, e.g. libstdc++.so.6.</param>
/// <param name="Name">The version name, e.g. GLIBCXX_3.4.32.</param>
/// <param name="Flags">vna_flags (VER_FLG_WEAK = 2).</param>
/// <param name="Index">vna_other: the index symbols use in .gnu.version.</param>
/// <param name="AuxOffset">File offset of the Vernaux entry.</param>
public sealed record NeededVersion(string File, string Name, ushort Flags, ushort Index, int AuxOffset)
{
    /// <summary>True when the need is already weak.</summary>
    public bool IsWeak => (Flags & ElfImage.VerFlagWeak) != 0;
}
