using System.Text;
using Frikommune.Edge.Paging.Espa;

namespace Frikommune.Edge.Tests.Paging;

/// <summary>Framing and block check character against worked examples of ESPA 4.4.4 blocks.</summary>
public class EspaBlockTests
{
    static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", ""));

    [Fact]
    public void The_smallest_call_block_is_framed_and_checked_as_the_spec_says()
    {
        // SOH '1' STX '1' US 'A' ETX BCC; BCC = 31^02^31^1F^41^03 = 5F, worked by hand.
        var block = new EspaBlock('1', [new('1', "A")]).Encode();
        Assert.Equal(Bytes("01 31 02 31 1F 41 03 5F"), block);
    }

    [Fact]
    public void A_full_call_to_pager_matches_the_published_example_byte_for_byte()
    {
        // "SOH 1 STX 1 US 550 RS 2 US CALL ME 101 RS 3 US 3 RS 4 US 3 RS 5 US 3 RS 6 US 3 ETX" (the Zenitel wiki's
        // example of a call to pager); its BCC, the XOR of everything after SOH through ETX, is 0x23 by hand.
        var block = new EspaCall("550", "CALL ME 101", BeepCoding: '3', CallType: '3', Transmissions: '3', Priority: '3').ToBlock().Encode();
        Assert.Equal(Bytes("01 31 02 31 1F 35 35 30 1E 32 1F 43 41 4C 4C 20 4D 45 20 31 30 31 1E 33 1F 33 1E 34 1F 33 1E 35 1F 33 1E 36 1F 33 03 23"), block);
    }

    [Fact]
    public void A_block_with_a_wrong_bcc_or_framing_is_refused_and_a_right_one_read_back()
    {
        var block = new EspaCall("201", "Epileptisk anfald – rum 12", Priority: '1').ToBlock().Encode();
        Assert.True(EspaBlock.TryDecode(block, out var decoded));
        Assert.Equal("201", decoded!.Find(EspaRecord.CallAddress));
        Assert.Equal("Epileptisk anfald - rum 12", decoded.Find(EspaRecord.DisplayMessage));
        Assert.Equal("1", decoded.Find(EspaRecord.Priority));

        var corrupt = (byte[])block.Clone();
        corrupt[5] ^= 0x01;
        Assert.False(EspaBlock.TryDecode(corrupt, out _));
        Assert.False(EspaBlock.TryDecode(block[1..], out _));
    }

    [Fact]
    public void Danish_letters_go_out_in_the_danish_national_variant_of_ia5_and_nothing_else_leaves_7_bit()
    {
        Assert.Equal("[\\]{|}", EspaText.ToIa5Danish("ÆØÅæøå", 128));
        Assert.Equal("D|r holdt }ben - Yderd|r vest", EspaText.ToIa5Danish("Dør holdt åben – Yderdør vest", 128));
        Assert.Equal("Cafe (a) /", EspaText.ToIa5Danish("Café [a] |", 128));
        Assert.Equal("a?b", EspaText.ToIa5Danish("a\u0003b", 128));
        Assert.Equal("Hjælp ved dør", EspaText.FromIa5Danish(EspaText.ToIa5Danish("Hjælp ved dør", 128)));
        var encoded = new EspaCall("1", new string('ø', 300)).ToBlock().Encode();
        Assert.All(encoded, b => Assert.True(b < 0x80));
        Assert.Equal(EspaCall.MaxDisplay, Encoding.ASCII.GetString(encoded).Count(c => c == '|'));
    }
}
