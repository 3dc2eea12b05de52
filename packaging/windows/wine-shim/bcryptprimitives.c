/*
 * TEST ENVIRONMENT ONLY - never shipped, never needed on real Windows.
 *
 * Rust's standard library (1.78 and later) gets random bytes from
 * ProcessPrng() in bcryptprimitives.dll, which every supported Windows
 * (10 and 11) has. Wine 8 does not export that function, so a Rust .exe
 * fails to load there. packaging/windows/smoke-test.sh builds this file as
 * bcryptprimitives.dll into the throw-away wine prefix of the smoke test:
 *
 *   x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll \
 *       bcryptprimitives.c -ladvapi32
 *
 * The bytes come from RtlGenRandom (exported by advapi32 as
 * SystemFunction036), wine's own cryptographic random source.
 */
#include <windows.h>

/* RtlGenRandom takes a ULONG length: fill larger requests in pieces. */
__declspec(dllimport) BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    /* Like the real function: documented to always succeed. */
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}
