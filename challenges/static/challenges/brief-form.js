/* Brief form: "Add a criterion" copies the empty criterion form of the formset. */
(function () {
  "use strict";
  var button = document.querySelector("[data-add-criterion]");
  if (!button) return;
  button.addEventListener("click", function () {
    var total = document.getElementById("id_criteria-TOTAL_FORMS");
    var html = document.getElementById("criterion-template").innerHTML.replace(/__prefix__/g, total.value);
    button.parentElement.insertAdjacentHTML("beforebegin", html);
    total.value = parseInt(total.value, 10) + 1;
  });
})();
