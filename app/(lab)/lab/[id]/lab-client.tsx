"use client";

// Monaco and TensorFlow.js load only here, in the browser, in chunks of their own.
import dynamic from "next/dynamic";

export const LabClient = dynamic(() => import("./workbench").then((m) => m.Workbench), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
      Loading the lab…
    </p>
  ),
});
