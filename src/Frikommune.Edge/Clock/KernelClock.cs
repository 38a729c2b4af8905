using System.Runtime.InteropServices;

namespace Frikommune.Edge.Clock;

/// <summary>Asks the Linux kernel whether NTP has synchronised the clock (adjtimex).</summary>
public static class KernelClock
{
    const int TimeError = 5; // TIME_ERROR: the clock is not synchronised

    /// <returns>true synced, false not, null when the kernel cannot be asked.</returns>
    public static bool? IsSynchronised()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // struct timex is 208 bytes on 64-bit Linux; modes = 0 only reads.
            var timex = new byte[512];
            var state = adjtimex(timex);
            return state < 0 ? null : state != TimeError;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int adjtimex(byte[] buffer);
}
