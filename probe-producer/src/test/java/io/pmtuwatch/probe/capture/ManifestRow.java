package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One row of a captures MANIFEST.tsv: what TShark found in the file, which our analyser must match. */
record ManifestRow(Path file, int packets, int fragNeededCount, List<Integer> fragNeededMtus, int ptb6Count,
                   List<Integer> ptb6Mtus, Map<String, Integer> synMss, Map<String, Integer> synAckMss,
                   int ipv4Fragments, int ipv6Fragments, String licence) {

    static List<ManifestRow> read(Path directory) throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("MANIFEST.tsv"));
        List<String> header = Arrays.asList(lines.get(0).split("\t"));
        List<ManifestRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t");
            java.util.function.Function<String, String> col = name -> cells[header.indexOf(name)];
            rows.add(new ManifestRow(directory.resolve(col.apply("file")), Integer.parseInt(col.apply("packets")),
                    Integer.parseInt(col.apply("frag_needed_count")), mtus(col.apply("frag_needed_mtus")),
                    Integer.parseInt(col.apply("ptb6_count")), mtus(col.apply("ptb6_mtus")),
                    mss(col.apply("syn_mss_values")), mss(col.apply("synack_mss_values")),
                    Integer.parseInt(col.apply("ipv4_frags")), Integer.parseInt(col.apply("ipv6_frags")),
                    col.apply("licence")));
        }
        return rows;
    }

    /** "1350" or "1400,1500" or "-". */
    private static List<Integer> mtus(String cell) {
        return cell.equals("-") ? List.of()
                : Arrays.stream(cell.split(",")).map(Integer::parseInt).sorted().toList();
    }

    /** "265x9,1460x2,nonex1" or "-": value to multiplicity. */
    private static Map<String, Integer> mss(String cell) {
        Map<String, Integer> values = new TreeMap<>();
        if (!cell.equals("-")) {
            for (String part : cell.split(",")) {
                int x = part.lastIndexOf('x');
                values.put(part.substring(0, x), Integer.parseInt(part.substring(x + 1)));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
