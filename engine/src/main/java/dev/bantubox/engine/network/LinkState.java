package dev.bantubox.engine.network;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * One network link as {@code ip -d -j addr show} describes it.
 *
 * @param name      the interface name
 * @param kind      the link type (bridge, veth, ...), or "" for a physical device
 * @param alias     the interface alias (ifalias), or ""
 * @param peer      for a veth whose peer is in the same namespace, the peer's name, else ""
 * @param up        true when the administrative UP flag is set
 * @param addresses the IPv4 addresses with their prefix length, as {@code 10.203.0.1/24}
 */
record LinkState(String name, String kind, String alias, String peer, boolean up, List<String> addresses) {

    /** Parses the JSON array that {@code ip -d -j addr show} prints. */
    static List<LinkState> parseAll(String json) {
        List<LinkState> links = new ArrayList<>();
        if (json.isBlank()) {
            return links;
        }
        for (JsonElement element : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject link = element.getAsJsonObject();
            if (!link.has("ifname")) {
                continue;
            }
            links.add(parse(link));
        }
        return links;
    }

    private static LinkState parse(JsonObject link) {
        String kind = "";
        if (link.has("linkinfo") && link.getAsJsonObject("linkinfo").has("info_kind")) {
            kind = link.getAsJsonObject("linkinfo").get("info_kind").getAsString();
        }
        boolean up = false;
        if (link.has("flags")) {
            for (JsonElement flag : link.getAsJsonArray("flags")) {
                up |= flag.getAsString().equals("UP");
            }
        }
        List<String> addresses = new ArrayList<>();
        if (link.has("addr_info")) {
            JsonArray infos = link.getAsJsonArray("addr_info");
            for (JsonElement info : infos) {
                JsonObject address = info.getAsJsonObject();
                if (address.has("family") && address.get("family").getAsString().equals("inet")) {
                    addresses.add(address.get("local").getAsString() + "/" + address.get("prefixlen").getAsInt());
                }
            }
        }
        return new LinkState(link.get("ifname").getAsString(), kind, text(link, "ifalias"), text(link, "link"), up,
                addresses);
    }

    private static String text(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull() ? object.get(key).getAsString() : "";
    }
}
