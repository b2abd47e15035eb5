using System.Text;

namespace PaperGraph.Core.Tests;

/// <summary>
/// The reader parses lines with Utf8JsonReader; every line must give what a JsonDocument per line gave
/// (<see cref="JsonDocumentRecordParser"/>): the same papers, the same skip messages, the same exceptions.
/// </summary>
public sealed class JsonLinesReaderEquivalenceTests
{
    private const string Abstract = "We present DeepSeek-V3, a strong Mixture-of-Experts (MoE) language model.";

    // Records that exercise every field, kind, escape and error the parser knows.
    private static readonly string[] Lines =
    [
        """{"id":"2412.19437","title":"DeepSeek-V3 Technical Report","abstract":"We present DeepSeek-V3.","year":2024,"url":"https://arxiv.org/abs/2412.19437","authors":["DeepSeek-AI","  A.  N. Other "]}""",
        """{"title":"T","abstract":"A."}""",
        """  {  "title" : "T" , "abstract" : "A." , "extra" : {"x":[1,2,{"y":null}]} }  """,
        """{"title":"Caf\u00e9 \"quoted\" \\ \/ \n\t line","abstract":"Emoji \uD83D\uDE00 and caf\u00E9."}""",
        """{"title":"Lone \uD800 high","abstract":"A."}""",
        """{"title":"T","abstract":"Lone \uDC00 low"}""",
        """{"title":"T","abstract":"A.","id":"x\uD800"}""",
        """{"title":"T","abstract":"A.","year":"\uD800"}""",
        """{"title":"T","abstract":"A.","authors":["ok",1,"\uD800"]}""",
        """{"title":"T","abstract":"A.","authors":["\uD800"]}""",
        """{"t\u0069tle":"Escaped name","abstract":"A."}""",
        """{"title":"First","title":"Second","abstract":"A."}""",
        """{"title":1,"title":"Second wins","abstract":"A."}""",
        """{"title":"First","title":null,"abstract":"A."}""",
        """{"title":"T","abstract":"A.","year":2024,"year":"1999"}""",
        """{"title":"T","abstract":"A.","year":2024.0}""",
        """{"title":"T","abstract":"A.","year":2.024e3}""",
        """{"title":"T","abstract":"A.","year":"2024"}""",
        """{"title":"T","abstract":"A.","year":" 2024"}""",
        """{"title":"T","abstract":"A.","year":"+2024"}""",
        """{"title":"T","abstract":"A.","year":-2024}""",
        """{"title":"T","abstract":"A.","year":999}""",
        """{"title":"T","abstract":"A.","year":99999999999999999999}""",
        """{"title":"T","abstract":"A.","year":true}""",
        """{"title":"T","abstract":"A.","year":null}""",
        """{"title":"T","abstract":"A.","year":{"value":2024,"note":"a long note that makes the raw text longer than forty"}}""",
        """{"title":"T","abstract":"A.","year":[2024, 2025]}""",
        """{"title":"T","abstract":"A.","year":"a year written out in words, longer than forty characters"}""",
        """{"title":"T","abstract":"A.","authors":[]}""",
        """{"title":"T","abstract":"A.","authors":[null]}""",
        """{"title":"T","abstract":"A.","authors":["a",["b"]]}""",
        """{"title":"T","abstract":"A.","authors":["a",{"name":"b"}]}""",
        """{"title":"T","abstract":"A.","authors":["", "  ", " x  y "]}""",
        """{"title":"T","abstract":"A.","authors":"Someone"}""",
        """{"title":"T","abstract":"A.","authors":{}}""",
        """{"title":"T","abstract":"A.","authors":null}""",
        """{"title":"T","abstract":"A.","id":"arXiv:2401.02954v2"}""",
        """{"title":"T","abstract":"A.","id":"doi:10.1000/xyz"}""",
        """{"title":"T","abstract":"A.","id":"synth-0000001"}""",
        """{"title":"T","abstract":"A.","id":"  "}""",
        """{"title":"T","abstract":"A.","id":12}""",
        """{"title":"T","abstract":"A.","id":null,"url":null}""",
        """{"title":"T","abstract":"A.","url":" http://x "}""",
        """{"title":"T","abstract":"A.","url":5}""",
        """{"title":"   ","abstract":"A."}""",
        """{"abstract":"A."}""",
        """{"title":null,"abstract":"A."}""",
        """{"title":"T"}""",
        """{"title":"T","abstract":12345}""",
        """{"title":"T","abstract":"","year":"soon","authors":"x","url":1,"id":false}""",
        """{"title":7,"abstract":[],"year":"soon"}""",
        """{"title":"A title long enough to be cut short in the message that names the record","abstract":1}""",
        """{}""",
        """[]""",
        """["a","b"]""",
        "\"just a string\"",
        "42",
        "true",
        "null",
        """{"title":"T","abstract":"A.",}""",
        """{"title":"T","abstract":"A."} x""",
        """{"title":"T","abstract":"A."}{}""",
        """{"title":"T","abstract":"A."} // comment""",
        """{"title":'T',"abstract":"A."}""",
        """{"title":"T","abstract":"no closing brace" """,
        """{"title":"T","abstract":"A.","year":01}""",
        """{"title":"T","abstract":"A.","year":NaN}""",
        """{"title":"T","abstract":"bad \x escape"}""",
        """{"title":"T","abstract":"bad \u12 escape"}""",
        """{"title":"T" "abstract":"A."}""",
        """{title:"T"}""",
        """{"title":"T","abstract":"A.","x":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}""",
        """{"title":"T","abstract":"A.","x":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}""",
        """[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]""",
        """{"title":"T","abstract":"A."}""" + "\r",
        """{"title":"Two  spaces","abstract":"A."}""",
        """{"title":"T","abstract":" Leading space."}""",
        """{"title":"T","abstract":"No-break space written out."}""",
        "{\"title\":\"T\",\"abstract\":\"No-break\u00A0space as is.\"}",
        "{\"title\":\"Caf\u00E9 \u65E5\u672C \U0001F600\",\"abstract\":\"Na\u00EFve r\u00E9sum\u00E9.\"}",
        """{"title":"!!!","abstract":"Only punctuation in the title."}""",
        """{"title":"!!!","abstract":"A.","id":"###"}""",
        """{"title":"T","abstract":"","id":"x"}""",
        """{"title":"T","abstract":"A.","id":"###"}""",
        "{\"title\":\"DeepSeek-V3\",\"abstract\":\"" + Abstract + "\"}",
        """{"title":"Trailing space ","abstract":"A."}""",
        """{"title":" ","abstract":"A."}""",
        """{"title":"T","abstract":"Two  spaces inside."}""",
        """{"title":"T","abstract":"Trailing space. "}""",
        """{"title":"T","abstract":" "}""",
        """{"title":"x","abstract":"y"}""",
        """{"title":"T","abstract":"A.","id":"a:b"}""",
        """{"title":"T","abstract":"A.","id":"a/b"}""",
        """{"title":"T","abstract":"A.","id":" hep-th/9901001 "}""",
        "{\"title\":\"Long ASCII\",\"abstract\":\"" + string.Join(' ', Enumerable.Repeat("word", 9000)) + "\"}",
        "{\"title\":\"Long caf\u00E9\",\"abstract\":\"" + string.Join(' ', Enumerable.Repeat("caf\u00E9", 9000)) + "\"}",
    ];

    [Fact]
    public void Every_listed_record_reads_as_a_JsonDocument_read_it()
    {
        foreach (var line in Lines)
        {
            foreach (var newline in new[] { true, false })
            {
                AssertSame(Encoding.UTF8.GetBytes(line), newline);
            }
        }
    }

    [Fact]
    public void Mutated_records_read_as_a_JsonDocument_read_them()
    {
        // Random edits of the listed records (a deleted byte, an inserted JSON character, a cut, a repeated run)
        // reach error paths and columns no list would.
        var random = new Random(20261206);
        var alphabet = "{}[]\",:\\ u0123456789.eE+-tfnlrx\uD83D\uDE00é"u8.ToArray();
        var cases = 0;
        foreach (var line in Lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            for (var round = 0; round < 150; round++)
            {
                var mutated = bytes.ToList();
                for (var edits = random.Next(1, 4); edits > 0 && mutated.Count > 0; edits--)
                {
                    var at = random.Next(mutated.Count);
                    switch (random.Next(4))
                    {
                        case 0:
                            mutated.RemoveAt(at);
                            break;
                        case 1:
                            mutated.Insert(at, alphabet[random.Next(alphabet.Length)]);
                            break;
                        case 2:
                            mutated.RemoveRange(at, mutated.Count - at);
                            break;
                        default:
                            var length = Math.Min(random.Next(1, 12), mutated.Count - at);
                            mutated.InsertRange(at, mutated.GetRange(at, length));
                            break;
                    }
                }

                AssertSame([.. mutated], random.Next(2) == 0);
                cases++;
            }
        }

        Assert.True(cases > 10_000);
    }

    private static void AssertSame(byte[] line, bool newline)
    {
        byte[] file = newline ? [.. line, (byte)'\n'] : line;
        Assert.Equal(Reference(file), Actual(file));
    }

    private static List<string> Actual(byte[] file)
    {
        try
        {
            using var stream = new MemoryStream(file);
            return [.. new JsonLinesReader().Read(stream, "x.jsonl", CancellationToken.None).Select(Describe)];
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return [$"{ex.GetType().Name}: {ex.Message}"];
        }
    }

    // The reference: the same lines (LineReader as the reader uses it) through a JsonDocument each.
    private static List<string> Reference(byte[] file)
    {
        try
        {
            using var stream = new MemoryStream(file);
            var items = new List<string>();
            var sawText = false;
            foreach (var line in new LineReader(stream, LineReader.DefaultMaxLineBytes, decode: false).ReadLines(CancellationToken.None))
            {
                if (line.IsBlank)
                {
                    continue;
                }

                sawText = true;
                var source = new SourceLocation("x.jsonl", line.Number);
                items.Add(Describe(line.Error is not null ? CorpusItem.Skip(source, line.Error) : JsonDocumentRecordParser.Parse(line, source)));
            }

            if (!sawText)
            {
                items.Add(Describe(CorpusItem.Skip(new SourceLocation("x.jsonl", 0), "file is empty (no records)")));
            }

            return items;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return [$"{ex.GetType().Name}: {ex.Message}"];
        }
    }

    private static string Describe(CorpusItem item) => item.Paper is { } p
        ? $"{item.Kind} {item.Source} id={p.Id} title={p.Title} abstract={p.Abstract} year={p.Year} url={p.Url} authors=[{string.Join("|", p.Authors)}] at {p.Source}"
        : $"{item.Kind} {item.Source} {item.Reason}";
}
