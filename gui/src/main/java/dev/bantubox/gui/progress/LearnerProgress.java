package dev.bantubox.gui.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One learner's progress as stored in progress.json. Keys are lesson folder names (02-chroot). */
public final class LearnerProgress {
    /** The choice the learner picked for each lesson's checkpoint question. */
    public Map<String, Integer> checkpointAnswers = new LinkedHashMap<>();
    /** The experiments (by index) whose expectation held in a run the learner started. */
    public Map<String, List<Integer>> passedExperiments = new LinkedHashMap<>();
    /** The lesson that was open last. */
    public String lastLesson;
    /** Whether the host check's table was shown on a first start already. */
    public boolean hostCheckShown;

    /** Records a passed experiment; returns false when it was recorded before. */
    public boolean markPassed(String lesson, int experiment) {
        List<Integer> passed = passedExperiments.computeIfAbsent(lesson, key -> new ArrayList<>());
        if (passed.contains(experiment)) {
            return false;
        }
        passed.add(experiment);
        passed.sort(null);
        return true;
    }

    public List<Integer> passed(String lesson) {
        return passedExperiments.getOrDefault(lesson, List.of());
    }
}
