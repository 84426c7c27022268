package org.vladapter.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class RoundRobinTaskOrderTest {

    @Test
    void pythonRandomMatchesCPythonGetrandbits() {
        // python3: r = random.Random(s); [r.getrandbits(32) for _ in range(3)]
        PythonRandom r = new PythonRandom(9595);
        assertThat(List.of(r.nextUint32(), r.nextUint32(), r.nextUint32()))
                .containsExactly(2927297241L, 233583923L, 2235940737L);
        r = new PythonRandom(0);
        assertThat(List.of(r.nextUint32(), r.nextUint32(), r.nextUint32()))
                .containsExactly(3626764237L, 1654615998L, 3255389356L);
        r = new PythonRandom((1L << 40) + 7); // a two-word seed
        assertThat(List.of(r.nextUint32(), r.nextUint32())).containsExactly(2635837658L, 3209733218L);
    }

    @Test
    void taskOrderMatchesTheMultitaskLoader() {
        // python3: l = ['vqa']*5+['gqa']*4+['nlvr']*2+['caption']*3; random.Random(e).shuffle(l); pop() until empty
        Map<String, Integer> n = new LinkedHashMap<>();
        n.put("vqa", 5);
        n.put("gqa", 4);
        n.put("nlvr", 2);
        n.put("caption", 3);
        assertThat(String.join(",", RoundRobinTaskOrder.forEpoch(n, 0)))
                .isEqualTo("caption,gqa,caption,vqa,vqa,gqa,gqa,vqa,vqa,caption,gqa,nlvr,nlvr,vqa");
        assertThat(String.join(",", RoundRobinTaskOrder.forEpoch(n, 1)))
                .isEqualTo("vqa,nlvr,vqa,vqa,caption,gqa,gqa,vqa,gqa,gqa,caption,vqa,nlvr,caption");
        assertThat(String.join(",", RoundRobinTaskOrder.forEpoch(n, 5)))
                .isEqualTo("nlvr,vqa,caption,gqa,gqa,vqa,gqa,gqa,vqa,caption,nlvr,caption,vqa,vqa");
    }

    @Test
    void fullSizeImageEpochMatchesPython() throws Exception {
        // VL-BART image batches per epoch (approx.), epoch 19; fingerprint from python3 with the same recipe
        Map<String, Integer> n = new LinkedHashMap<>();
        n.put("vqa", 1209);
        n.put("gqa", 1132);
        n.put("nlvr", 521);
        n.put("caption", 1361);
        List<String> order = RoundRobinTaskOrder.forEpoch(n, 19);
        assertThat(order.subList(0, 6)).containsExactly("vqa", "vqa", "caption", "gqa", "caption", "nlvr");
        byte[] sha = java.security.MessageDigest.getInstance("SHA-1")
                .digest(String.join(",", order).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(java.util.HexFormat.of().formatHex(sha)).isEqualTo("6eae61c5d114833281f03e4e8b3955a55901e7c5");
    }
}
