using System.Text;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

// OutputText: the server sends no output_text convenience member, so it is computed here.
public partial class ModelResponse
{
    /// <summary>The text of every <c>output_text</c> part of every message item, joined in order (not sent by the server).</summary>
    [JsonIgnore]
    public string OutputText
    {
        get
        {
            var text = new StringBuilder();
            foreach (var item in Output ?? [])
            {
                if (item is ResponseOutputMessage message)
                {
                    foreach (var part in message.Content ?? [])
                    {
                        if (part is ResponseOutputText outputText)
                        {
                            text.Append(outputText.Text);
                        }
                    }
                }
            }

            return text.ToString();
        }
    }
}
