using System.Runtime.InteropServices;
using MinLGan.Torch;

namespace MinLGan.Torch.Tests;

public class NativeHeapTests
{
    private static long ResidentBytes() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;

    [SkippableFact]
    public void GivenFreedHeapBlocksBelowALiveOne_WhenTrimmed_ThenTheirPagesLeaveTheResidentSet()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && !NativeHeap.Disabled, "malloc_trim is glibc's (Linux), and MINLGAN_MALLOC_TRIM=0 switches it off");
        // 4,096 blocks of 64 KB (under glibc's mmap threshold, so they come from a heap), each page touched; the last
        // block stays allocated so that free() cannot shrink the heap from its top by itself.
        const int count = 4096, size = 64 * 1024;
        var blocks = new IntPtr[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(size);
            for (int off = 0; off < size; off += 4096) Marshal.WriteByte(blocks[i], off, 1);
        }
        for (int i = 0; i < count - 1; i++) Marshal.FreeHGlobal(blocks[i]);
        try
        {
            long before = ResidentBytes();
            Assert.True(NativeHeap.Trim());
            long after = ResidentBytes();
            // 256 MB were freed; other tests may allocate meanwhile, so ask for well under half of it back.
            Assert.True(before - after > 96L << 20, $"resident {before >> 20} MB before trim, {after >> 20} MB after");
        }
        finally
        {
            Marshal.FreeHGlobal(blocks[count - 1]);
        }
    }
}
