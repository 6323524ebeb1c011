package kr.sbert.workbench.core.train;

/**
 * A training pair with its gold scaled to 0–1.
 *
 * @param sentence1 first text
 * @param sentence2 second text
 * @param label     gold / the data's gold scale (5 for KorSTS and KLUE-STS)
 */
public record TrainPair(String sentence1, String sentence2, double label) {
}
